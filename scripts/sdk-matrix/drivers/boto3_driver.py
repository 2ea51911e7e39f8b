"""Calls one AWS operation with boto3 and shows the outcome the way a program commonly does.

Usage: boto3_driver.py SERVICE OPERATION STYLE [RECORD_AGE_HOURS]

The endpoint, region, credentials, retry and metadata settings come from the environment the
generator sets (AWS_ENDPOINT_URL_*, AWS_MAX_ATTEMPTS, ...), read here only for the endpoint so older
botocore releases that predate service-specific endpoint variables work too.

Styles: uncaught (the exception escapes: Python prints the traceback), print (print(e)),
logging (logging.exception in an except block), response (print the response dict).
"""

import logging
import os
import sys
from datetime import datetime, timedelta, timezone

import boto3
from botocore.config import Config

PRODUCT_CODE = "4k2xq9m1vbz7hj3tqw8e5nrl0"
CUSTOMERS = ["7Xq2LmN9pRt", "Kd83JsPq0Lw", "Zu5nB4cVx1a"]


def usage_time(age_hours):
    hour = datetime.now(timezone.utc).replace(minute=0, second=0, microsecond=0)
    return hour - timedelta(hours=age_hours)


def call(service, operation, age_hours):
    endpoint = os.environ["SDK_MATRIX_ENDPOINT"]
    config = Config(connect_timeout=2, read_timeout=2)
    names = {
        "metering": "meteringmarketplace",
        "entitlement": "marketplace-entitlement",
        "sts": "sts",
        "iam": "iam",
        "ce": "ce",
        "organizations": "organizations",
    }
    client = boto3.client(names[service], endpoint_url=endpoint, config=config)
    ts = usage_time(age_hours)
    if operation == "BatchMeterUsage":
        records = [
            {"Timestamp": ts, "CustomerIdentifier": c, "Dimension": "api_calls", "Quantity": q}
            for c, q in zip(CUSTOMERS, [35, 12, 7])
        ]
        return client.batch_meter_usage(UsageRecords=records, ProductCode=PRODUCT_CODE)
    if operation == "MeterUsage":
        return client.meter_usage(ProductCode=PRODUCT_CODE, Timestamp=ts, UsageDimension="nodes", UsageQuantity=3)
    if operation == "RegisterUsage":
        return client.register_usage(ProductCode=PRODUCT_CODE, PublicKeyVersion=1)
    if operation == "ResolveCustomer":
        return client.resolve_customer(RegistrationToken="x-amzn-marketplace-token-7f3a9c2e")
    if operation == "GetEntitlements":
        return client.get_entitlements(ProductCode=PRODUCT_CODE, Filter={"CUSTOMER_IDENTIFIER": [CUSTOMERS[0]]})
    if operation == "AssumeRole":
        return client.assume_role(RoleArn="arn:aws:iam::210987654321:role/SellerMeteringRole", RoleSessionName="metering-job")
    if operation == "GetCallerIdentity":
        return client.get_caller_identity()
    if operation == "SimulatePrincipalPolicy":
        return client.simulate_principal_policy(
            PolicySourceArn="arn:aws:iam::123456789012:role/MeteringWorker",
            ActionNames=["aws-marketplace:BatchMeterUsage"],
        )
    if operation == "GetRole":
        return client.get_role(RoleName="MeteringWorker")
    if operation == "ListRoles":
        return client.list_roles()
    if operation == "GetCostAndUsage":
        return client.get_cost_and_usage(
            TimePeriod={"Start": "2026-11-01", "End": "2026-12-01"}, Granularity="MONTHLY", Metrics=["UnblendedCost"]
        )
    if operation == "ListAccounts":
        return client.list_accounts()
    raise SystemExit(f"boto3_driver: no call for {operation}")


def main():
    service, operation, style = sys.argv[1:4]
    age_hours = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    if style == "uncaught":
        print(call(service, operation, age_hours))
        return
    if style == "response":
        print(call(service, operation, age_hours))
        return
    if style == "logging":
        logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s %(message)s")
        log = logging.getLogger("meter_worker")
        try:
            print(call(service, operation, age_hours))
        except Exception:
            log.exception("%s failed", operation)
            sys.exit(1)
        return
    if style == "print":
        try:
            print(call(service, operation, age_hours))
        except Exception as e:
            print(e)
            sys.exit(1)
        return
    raise SystemExit(f"boto3_driver: unknown style {style}")


if __name__ == "__main__":
    main()
