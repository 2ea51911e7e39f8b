// Command go-v2 calls one AWS operation with the AWS SDK for Go v2 and shows the outcome the way a
// program commonly does.
//
// Usage: go-v2 SERVICE OPERATION STYLE [RECORD_AGE_HOURS]
//
// Styles: log-fatal (log.Fatal(err)), println (fmt.Println(err)), log-printf
// (log.Printf("... failed: %v", err)), response (fmt.Printf("%+v\n", response)), response-json
// (the response as indented JSON). The endpoint comes from SDK_MATRIX_ENDPOINT; region,
// credentials and retries from the SDK's own environment variables and chain.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"os"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/costexplorer"
	cetypes "github.com/aws/aws-sdk-go-v2/service/costexplorer/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/marketplaceentitlementservice"
	"github.com/aws/aws-sdk-go-v2/service/marketplacemetering"
	meteringtypes "github.com/aws/aws-sdk-go-v2/service/marketplacemetering/types"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

const productCode = "4k2xq9m1vbz7hj3tqw8e5nrl0"

var customers = []string{"7Xq2LmN9pRt", "Kd83JsPq0Lw", "Zu5nB4cVx1a"}

func usageTime(ageHours int) time.Time {
	return time.Now().UTC().Truncate(time.Hour).Add(-time.Duration(ageHours) * time.Hour)
}

func call(ctx context.Context, cfg aws.Config, operation string, ageHours int) (interface{}, error) {
	ts := usageTime(ageHours)
	switch operation {
	case "BatchMeterUsage":
		var records []meteringtypes.UsageRecord
		for i, c := range customers {
			records = append(records, meteringtypes.UsageRecord{
				Timestamp: aws.Time(ts), CustomerIdentifier: aws.String(c), Dimension: aws.String("api_calls"), Quantity: aws.Int32([]int32{35, 12, 7}[i]),
			})
		}
		return marketplacemetering.NewFromConfig(cfg).BatchMeterUsage(ctx, &marketplacemetering.BatchMeterUsageInput{ProductCode: aws.String(productCode), UsageRecords: records})
	case "MeterUsage":
		return marketplacemetering.NewFromConfig(cfg).MeterUsage(ctx, &marketplacemetering.MeterUsageInput{
			ProductCode: aws.String(productCode), Timestamp: aws.Time(ts), UsageDimension: aws.String("nodes"), UsageQuantity: aws.Int32(3),
		})
	case "RegisterUsage":
		return marketplacemetering.NewFromConfig(cfg).RegisterUsage(ctx, &marketplacemetering.RegisterUsageInput{ProductCode: aws.String(productCode), PublicKeyVersion: aws.Int32(1)})
	case "ResolveCustomer":
		return marketplacemetering.NewFromConfig(cfg).ResolveCustomer(ctx, &marketplacemetering.ResolveCustomerInput{RegistrationToken: aws.String("x-amzn-marketplace-token-7f3a9c2e")})
	case "GetEntitlements":
		return marketplaceentitlementservice.NewFromConfig(cfg).GetEntitlements(ctx, &marketplaceentitlementservice.GetEntitlementsInput{
			ProductCode: aws.String(productCode), Filter: map[string][]string{"CUSTOMER_IDENTIFIER": {customers[0]}},
		})
	case "AssumeRole":
		return sts.NewFromConfig(cfg).AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::210987654321:role/SellerMeteringRole"), RoleSessionName: aws.String("metering-job")})
	case "GetCallerIdentity":
		return sts.NewFromConfig(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	case "SimulatePrincipalPolicy":
		return iam.NewFromConfig(cfg).SimulatePrincipalPolicy(ctx, &iam.SimulatePrincipalPolicyInput{
			PolicySourceArn: aws.String("arn:aws:iam::123456789012:role/MeteringWorker"), ActionNames: []string{"aws-marketplace:BatchMeterUsage"},
		})
	case "GetRole":
		return iam.NewFromConfig(cfg).GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("MeteringWorker")})
	case "ListRoles":
		return iam.NewFromConfig(cfg).ListRoles(ctx, &iam.ListRolesInput{})
	case "GetCostAndUsage":
		return costexplorer.NewFromConfig(cfg).GetCostAndUsage(ctx, &costexplorer.GetCostAndUsageInput{
			TimePeriod:  &cetypes.DateInterval{Start: aws.String("2026-11-01"), End: aws.String("2026-12-01")},
			Granularity: cetypes.GranularityMonthly, Metrics: []string{"UnblendedCost"},
		})
	case "ListAccounts":
		return organizations.NewFromConfig(cfg).ListAccounts(ctx, &organizations.ListAccountsInput{})
	}
	return nil, fmt.Errorf("go-v2 driver: no call for %s", operation)
}

func main() {
	if len(os.Args) < 4 {
		fmt.Fprintln(os.Stderr, "usage: go-v2 SERVICE OPERATION STYLE [RECORD_AGE_HOURS]")
		os.Exit(2)
	}
	operation, style := os.Args[2], os.Args[3]
	ageHours := 1
	if len(os.Args) > 4 {
		ageHours, _ = strconv.Atoi(os.Args[4])
	}
	endpoint := os.Getenv("SDK_MATRIX_ENDPOINT")
	resolver := aws.EndpointResolverWithOptionsFunc(func(service, region string, options ...interface{}) (aws.Endpoint, error) {
		return aws.Endpoint{URL: endpoint, SigningRegion: region}, nil
	})
	ctx := context.Background()
	cfg, err := config.LoadDefaultConfig(ctx,
		config.WithEndpointResolverWithOptions(resolver),
		config.WithHTTPClient(&http.Client{Timeout: 2 * time.Second}),
	)
	if err != nil {
		log.Fatalf("unable to load SDK config, %v", err)
	}
	out, err := call(ctx, cfg, operation, ageHours)
	if err == nil {
		if style == "response-json" {
			b, _ := json.MarshalIndent(out, "", "  ")
			fmt.Println(string(b))
		} else {
			fmt.Printf("%+v\n", out)
		}
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
