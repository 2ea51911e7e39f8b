/**
 * IAM actions that support no resource-level permissions: the Service Authorization Reference leaves
 * their "Resource types" column empty, so a statement that allows them must say `"Resource": "*"`.
 * Every other action gets a statement scoped to the resource the error names, never `"*"`.
 * Add an action here only with its Service Authorization Reference page as the source.
 */
export const ACTIONS_WITHOUT_RESOURCES: ReadonlyMap<string, string> = new Map([
  // https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsmarketplacemeteringservice.html
  ['aws-marketplace:BatchMeterUsage', 'AWS Marketplace Metering Service'],
  ['aws-marketplace:MeterUsage', 'AWS Marketplace Metering Service'],
  ['aws-marketplace:RegisterUsage', 'AWS Marketplace Metering Service'],
  ['aws-marketplace:ResolveCustomer', 'AWS Marketplace Metering Service'],
  // https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsmarketplaceentitlementservice.html
  ['aws-marketplace:GetEntitlements', 'AWS Marketplace Entitlement Service'],
  // https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsorganizations.html
  ['organizations:ListAccounts', 'AWS Organizations'],
  ['organizations:DescribeOrganization', 'AWS Organizations'],
  // https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscostexplorerservice.html
  ['ce:GetCostAndUsage', 'AWS Cost Explorer'],
  ['ce:GetDimensionValues', 'AWS Cost Explorer'],
  ['ce:GetReservationCoverage', 'AWS Cost Explorer'],
  ['ce:GetReservationUtilization', 'AWS Cost Explorer'],
  ['ce:GetSavingsPlansCoverage', 'AWS Cost Explorer'],
  ['ce:GetSavingsPlansUtilization', 'AWS Cost Explorer'],
  ['ce:GetSavingsPlansUtilizationDetails', 'AWS Cost Explorer'],
  // https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecuritytokenservice.html
  ['sts:GetCallerIdentity', 'AWS STS'],
  ['sts:DecodeAuthorizationMessage', 'AWS STS'],
]);

/** True when the action can only be granted with `"Resource": "*"`. */
export function takesNoResource(action: string): boolean {
  return ACTIONS_WITHOUT_RESOURCES.has(action);
}
