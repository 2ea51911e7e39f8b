// Command go-v1 calls one AWS operation with the AWS SDK for Go v1 and shows the outcome the way a
// program commonly does.
//
// Usage: go-v1 SERVICE OPERATION STYLE [RECORD_AGE_HOURS]
//
// Styles: log-fatal (log.Fatal(err)), println (fmt.Println(err)), log-printf
// (log.Printf("... failed: %v", err)), response (fmt.Println(response)). The endpoint comes from
// SDK_MATRIX_ENDPOINT; region and credentials from the SDK's own environment variables and chain.
package main

import (
	"fmt"
	"log"
	"net/http"
	"os"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/session"
	"github.com/aws/aws-sdk-go/service/costexplorer"
	"github.com/aws/aws-sdk-go/service/iam"
	"github.com/aws/aws-sdk-go/service/marketplaceentitlementservice"
	"github.com/aws/aws-sdk-go/service/marketplacemetering"
	"github.com/aws/aws-sdk-go/service/organizations"
	"github.com/aws/aws-sdk-go/service/sts"
)

const productCode = "4k2xq9m1vbz7hj3tqw8e5nrl0"

var customers = []string{"7Xq2LmN9pRt", "Kd83JsPq0Lw", "Zu5nB4cVx1a"}

func usageTime(ageHours int) time.Time {
	return time.Now().UTC().Truncate(time.Hour).Add(-time.Duration(ageHours) * time.Hour)
}

func call(sess *session.Session, operation string, ageHours int) (interface{}, error) {
	ts := usageTime(ageHours)
	switch operation {
	case "BatchMeterUsage":
		var records []*marketplacemetering.UsageRecord
		for i, c := range customers {
			records = append(records, &marketplacemetering.UsageRecord{
				Timestamp: aws.Time(ts), CustomerIdentifier: aws.String(c), Dimension: aws.String("api_calls"), Quantity: aws.Int64([]int64{35, 12, 7}[i]),
			})
		}
		return marketplacemetering.New(sess).BatchMeterUsage(&marketplacemetering.BatchMeterUsageInput{ProductCode: aws.String(productCode), UsageRecords: records})
	case "MeterUsage":
		return marketplacemetering.New(sess).MeterUsage(&marketplacemetering.MeterUsageInput{
			ProductCode: aws.String(productCode), Timestamp: aws.Time(ts), UsageDimension: aws.String("nodes"), UsageQuantity: aws.Int64(3),
		})
	case "RegisterUsage":
		return marketplacemetering.New(sess).RegisterUsage(&marketplacemetering.RegisterUsageInput{ProductCode: aws.String(productCode), PublicKeyVersion: aws.Int64(1)})
	case "ResolveCustomer":
		return marketplacemetering.New(sess).ResolveCustomer(&marketplacemetering.ResolveCustomerInput{RegistrationToken: aws.String("x-amzn-marketplace-token-7f3a9c2e")})
	case "GetEntitlements":
		return marketplaceentitlementservice.New(sess).GetEntitlements(&marketplaceentitlementservice.GetEntitlementsInput{
			ProductCode: aws.String(productCode), Filter: map[string][]*string{"CUSTOMER_IDENTIFIER": {aws.String(customers[0])}},
		})
	case "AssumeRole":
		return sts.New(sess).AssumeRole(&sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::210987654321:role/SellerMeteringRole"), RoleSessionName: aws.String("metering-job")})
	case "GetCallerIdentity":
		return sts.New(sess).GetCallerIdentity(&sts.GetCallerIdentityInput{})
	case "SimulatePrincipalPolicy":
		return iam.New(sess).SimulatePrincipalPolicy(&iam.SimulatePrincipalPolicyInput{
			PolicySourceArn: aws.String("arn:aws:iam::123456789012:role/MeteringWorker"), ActionNames: []*string{aws.String("aws-marketplace:BatchMeterUsage")},
		})
	case "GetRole":
		return iam.New(sess).GetRole(&iam.GetRoleInput{RoleName: aws.String("MeteringWorker")})
	case "ListRoles":
		return iam.New(sess).ListRoles(&iam.ListRolesInput{})
	case "GetCostAndUsage":
		return costexplorer.New(sess).GetCostAndUsage(&costexplorer.GetCostAndUsageInput{
			TimePeriod:  &costexplorer.DateInterval{Start: aws.String("2026-11-01"), End: aws.String("2026-12-01")},
			Granularity: aws.String("MONTHLY"), Metrics: []*string{aws.String("UnblendedCost")},
		})
	case "ListAccounts":
		return organizations.New(sess).ListAccounts(&organizations.ListAccountsInput{})
	}
	return nil, fmt.Errorf("go-v1 driver: no call for %s", operation)
}

func main() {
	if len(os.Args) < 4 {
		fmt.Fprintln(os.Stderr, "usage: go-v1 SERVICE OPERATION STYLE [RECORD_AGE_HOURS]")
		os.Exit(2)
	}
	operation, style := os.Args[2], os.Args[3]
	ageHours := 1
	if len(os.Args) > 4 {
		ageHours, _ = strconv.Atoi(os.Args[4])
	}
	cfg := &aws.Config{
		Endpoint:   aws.String(os.Getenv("SDK_MATRIX_ENDPOINT")),
		HTTPClient: &http.Client{Timeout: 2 * time.Second},
	}
	if os.Getenv("SDK_MATRIX_SDK_DEFAULT_RETRIES") == "" {
		cfg.MaxRetries = aws.Int(2)
	}
	sess := session.Must(session.NewSession(cfg))
	out, err := call(sess, operation, ageHours)
	if err == nil {
		fmt.Println(out)
		return
	}
	switch style {
	case "log-fatal":
		log.Fatal(err)
	case "println":
		fmt.Println(err)
	case "log-printf":
		log.Printf("%s failed: %v", operation, err)
	default:
		fmt.Println(err)
	}
	os.Exit(1)
}
