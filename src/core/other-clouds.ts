/**
 * Other clouds and S3-compatible stores. Many of them answer with S3's own error codes and wordings
 * (`RequestTimeTooSkewed`, `SignatureDoesNotMatch`, `AccessDenied`), so a paste naming one of their
 * endpoints or SDKs, and nothing of AWS, is another provider's error: the AWS entry whose code it
 * shares may be related, but it is not the diagnosis.
 */

/** Endpoint domains of other clouds' APIs and object stores (a host ends with one of them). */
export const OTHER_CLOUD_HOSTS: readonly string[] = [
  // Alibaba Cloud (OSS, RAM, STS)
  'aliyuncs.com',
  'aliyun.com',
  'alibabacloud.com',
  // Huawei Cloud (OBS, IAM)
  'myhuaweicloud.com',
  'huaweicloud.com',
  // Google Cloud (Cloud Storage JSON and XML APIs, every googleapis service)
  'googleapis.com',
  'storage.cloud.google.com',
  // its service accounts, the principal a Google denial names (`…@project.iam.gserviceaccount.com`)
  'gserviceaccount.com',
  // Microsoft Azure (Blob Storage, Entra ID, management)
  'core.windows.net',
  'login.microsoftonline.com',
  'management.azure.com',
  'azure.com',
  'azure.net',
  'login.windows.net',
  // Tencent Cloud (COS)
  'myqcloud.com',
  'tencentcloudapi.com',
  // Oracle Cloud Infrastructure (Object Storage and its S3 compatibility API)
  'oraclecloud.com',
  // IBM Cloud Object Storage
  'cloud-object-storage.appdomain.cloud',
  'objectstorage.softlayer.net',
  'cloud.ibm.com',
  // S3-compatible object stores
  'digitaloceanspaces.com',
  'wasabisys.com',
  'backblazeb2.com',
  'r2.cloudflarestorage.com',
  'r2.dev',
  'linodeobjects.com',
  'scw.cloud',
  'storage.yandexcloud.net',
  'ovh.net',
  'ovh.us',
  'ksyuncs.com',
  'your-objectstorage.com',
  'storjshare.io',
];

/**
 * What another provider's server (not a client) leaves in a paste when it shows no host: fields and
 * wordings only its error bodies carry, each taken from the provider's documented error layout.
 * Alibaba OSS adds an `<EC>` error-centre code (`0003-00000001`; the Go SDK prints it as `EC=`/`Ec=`);
 * Tencent COS a `<TraceId>`; Oracle's every response an `opc-request-id`; Google Cloud Storage's XML
 * API a `<Details>` element and "Check your Google secret key"; Azure Storage ends each message with
 * `RequestId:<uuid>` and `Time:<timestamp>` lines; each provider's own response headers carry its prefix
 * (`x-oss-request-id`, `x-obs-request-id`, `x-cos-request-id`, `x-goog-generation`, `x-ms-request-id`,
 * `x-ms-error-code`) where S3 says `x-amz-`; Ceph's RADOS gateway gives
 * request ids `tx` + 21 hex digits + `-` + 10 hex digits + `-` + the zone. The cloud metadata servers
 * share 169.254.169.254 with EC2's, but their paths are their own (GCE `computeMetadata/v1`,
 * Azure IMDS `metadata/identity/oauth2/token`). MinIO's own wordings ("the server's time") are no such
 * mark: an AWS SDK printing one may have been pointed at any S3-compatible store, and the failure and
 * its fix are S3's.
 */
const OTHER_CLOUD_SERVERS =
  /<EC>\d{4}-\d{8}<\/EC>|\bE[Cc]=\d{4}-\d{8}\b|\b(?:EC|ecCode)["']?\s*:\s*["']?\d{4}-\d{8}\b|\bapi\.aliyun\.com\/troubleshoot\b|\bXMinio[A-Z][A-Za-z]{2,60}\b|<TraceId>[^<]{4,200}<\/TraceId>|\bTraceId: [A-Za-z0-9+/=]{8,200}\)|\bopc-request-id\b|<Details>[^<]{0,2000}<\/Details>|\bCheck your Google secret key\b|\bGoogle Cloud Storage (?:bucket|object)\b|\bRequestId:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\s*\n?\s*Time:\d{4}-\d{2}-\d{2}T|\btx[0-9a-f]{21}-[0-9a-f]{10}-[0-9a-f]{1,16}-[A-Za-z0-9_-]{1,64}|\bServer: MinIO\b|\bX-Minio-|\bx-(?:oss|obs|cos|goog|ms)-(?:request-id|id-2|hash-crc64ecma|error-code|generation|meta-[a-z]{1,40})\b|\bradosgw\b|\bCeph Object Gateway\b|\bcomputeMetadata\/v1\b|\bmetadata\.google\.internal\b|\bMetadata-Flavor: Google\b|\/metadata\/identity\/oauth2\/token\b/;

/**
 * Other clouds' SDK packages and namespaces, and the error heads their clients print: Alibaba's Go SDK
 * (`oss: service returned error: StatusCode=…`) and Python `oss2`, Huawei's OBS SDK (`com.obs.services`),
 * Tencent's COS SDKs, Google's auth and client libraries, Azure's SDKs and credential classes, Oracle's,
 * IBM's forks of the AWS SDKs (`ibm_boto3`, `com.ibm.cloud.objectstorage`), gsutil's Google auth handlers
 * for the legacy boto library (named in boto's "No handler was ready to authenticate"), and Alibaba's JavaScript
 * client ali-oss, which names each error after the server's code plus `Error` (`SignatureDoesNotMatchError: …`,
 * where the AWS SDKs print the code itself) and words a body it cannot read "unknow request error, status:".
 * A general S3 client (minio-py,
 * s3cmd, rclone) is not one: it talks to Amazon S3 as often as to anything else.
 */
const OTHER_CLOUD_SDKS =
  /\boss: service returned error\b|\bcom\.aliyun(?:\.|cs\b)|\baliyunsdk|\boss2\.exceptions\b|\bcom\.obs\.services\b|\bObsException\b|\bhuaweicloudsdk|\bcom\.huaweicloud\b|\bcom\.qcloud\.cos\b|\bqcloud_cos\b|\bCosServiceException\b|\bgoogle\.(?:auth|cloud|api_core)\.|\bcom\.google\.(?:cloud|api\.gax)\b|\bcloud\.google\.com\/go\b|\boauth2client\b|@google-cloud\/|\bgoogleapi: Error\b|@azure\/|\bazure\.(?:core|identity|storage)\b|\bcom\.azure\b|\bMicrosoft\.Azure\b|\bAzure\.(?:Core|Identity|Storage|RequestFailedException)\b|\bMSAL\b|\b(?:DefaultAzure|ManagedIdentity|ClientSecret|WorkloadIdentity|AzureCli)Credential\b|\bcom\.oracle\.bmc\b|\boci\.exceptions\b|\bibm_boto3\b|\bibm_botocore\b|\bcom\.ibm\.cloud\.objectstorage\b|\bOAuth2ServiceAccountAuth\b|\bDevshellAuth\b|\bMicrosoft\.WindowsAzure\b|\b[A-Z][a-z]{1,12}-Az(?:ureRm)?[A-Z][A-Za-z]{2,60}\b|\bOperation returned an invalid status '|\b(?:SignatureDoesNotMatch|InvalidAccessKeyId|AccessDenied|RequestTimeTooSkewed|NoSuchBucket|NoSuchKey|InvalidBucketName|InvalidObjectName|SecurityTokenExpired|InvalidSecurityToken)Error: |\bunknow request error, status: /i;

/**
 * Amazon's retail APIs are not AWS, though they reuse AWS's codes and wordings (`InternalFailure`,
 * `AccessDenied`, `QuotaExceeded`): the Selling Partner API (`sellingpartnerapi-na|eu|fe.amazon.com` and
 * its sandbox hosts), Marketplace Web Service (`mws.amazonservices.com`, `mws-eu.amazonservices.com`,
 * `mws.amazonservices.jp`…) and the Product Advertising API (`webservices.amazon.com`, `.co.uk`, `.de`…).
 * Without a host, their own error layouts mark them: the Selling Partner API's `errors` list of
 * `code`, `message`, `details` objects (JSON, or a Python client's dict repr), the Product Advertising
 * API's `com.amazon.paapi5` types, and the MWS client libraries' `MarketplaceWebService` classes.
 */
const AMAZON_RETAIL_APIS =
  /\bsellingpartnerapi(?:-sandbox)?-(?:na|eu|fe)\.amazon\.com\b|\bmws(?:-eu|-fe)?\.amazonservices\.[a-z.]{2,10}\b|\bwebservices\.amazon\.[a-z.]{2,10}\b|["']errors["']\s*:\s*\[\s*\{\s*["']code["']\s*:\s*["'][^"'\n]{1,100}["']\s*,\s*["']message["']\s*:\s*["'][^"'\n]{0,2000}["']\s*,\s*["']details["']\s*:|\bcom\.amazon\.paapi5\b|\bMarketplaceWebService[A-Za-z]{0,40}_(?:Exception|Client)\b|\bSellingPartnerAPI\b/;

/**
 * Another store named in words where no host shows: its product name ("Backblaze B2", "Cloudflare R2",
 * "Aliyun OSS", "<provider> Object Storage" as Scaleway, Linode, OVHcloud, Hetzner, IBM Cloud and others
 * name theirs…; a bare company name is too often a remark about pricing) or storage the writer calls S3-compatible, which is not Amazon S3 itself. Like an SDK
 * name, it only counts when nothing of AWS is in the paste.
 */
const OTHER_STORE_NAMES =
  /\bBackblaze B2\b|\bCloudflare R2\b|\bDigitalOcean Spaces\b|\b(?:Alibaba Cloud|Aliyun) OSS\b|\bTencent (?:Cloud )?COS\b|\bHuawei (?:Cloud )?OBS\b|\bS3[- ]compatible (?:storage|store|object storage|service|endpoint|provider|API)\b|\b(?:Scaleway|Linode|Akamai|OVH(?:cloud)?|Hetzner|Vultr|Contabo|Exoscale|Yandex|IBM Cloud|Oracle(?: Cloud)?|IONOS|UpCloud|Infomaniak|STACKIT|Selectel|Open Telekom Cloud) Object Storage\b|\bWasabi (?:Hot Cloud )?Storage\b/i;

/**
 * A SigV4 credential scope naming a region AWS never had: Backblaze B2's three-digit regions
 * (`us-west-004`, `us-east-005`, `eu-central-003`), where AWS numbers its regions from 1 to 9.
 */
const OTHER_STORE_SCOPE = /\/\d{8}\/[a-z]{2}-[a-z]{4,10}-\d{3}\/s3\/aws4_request\b/;

function escaped(domain: string): string {
  return domain.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A host ending with one of the domains, as a whole label (`bucket.oss-cn-hangzhou.aliyuncs.com`, not `myaliyuncs.com.example`). */
const OTHER_CLOUD_HOST = new RegExp(
  String.raw`(?:^|[^A-Za-z0-9-])(?:[A-Za-z0-9-]{1,63}\.)*(?:${OTHER_CLOUD_HOSTS.map(escaped).join('|')})(?![A-Za-z0-9-]|\.[A-Za-z0-9])`,
  'i',
);

/**
 * Whether the text names another cloud's endpoint or server (or one of Amazon's retail APIs): the request went there, whichever
 * client sent it (boto3 and the AWS CLI talk to every S3-compatible store through `endpoint_url`).
 */
export function namesOtherCloudServer(text: string): boolean {
  return (
    OTHER_CLOUD_HOST.test(text) ||
    OTHER_CLOUD_SERVERS.test(text) ||
    AMAZON_RETAIL_APIS.test(text) ||
    OTHER_STORE_SCOPE.test(text)
  );
}

/** Whether the text names another cloud's SDK or client library, or another store by name. */
export function namesOtherCloudClient(text: string): boolean {
  return OTHER_CLOUD_SDKS.test(text) || OTHER_STORE_NAMES.test(text);
}

/**
 * Whether the text names another cloud's own SDK or client library (not a store by name): its transport
 * failures are worded by that SDK, not by an AWS client.
 */
export function namesOtherCloudSdk(text: string): boolean {
  return OTHER_CLOUD_SDKS.test(text);
}

/**
 * An AWS client's own words for a request that got no answer, whichever endpoint it was pointed at:
 * botocore's EndpointConnectionError, ConnectTimeoutError, ReadTimeoutError, ConnectionClosedError,
 * SSLError and ProxyConnectionError messages (`… on endpoint URL: "…"`, `… from endpoint URL: "…"`,
 * `SSL validation failed for https://…`); the JS SDK v2's NetworkingError and the UnknownEndpoint it
 * makes of a failed DNS lookup ("This service may not be available in the `…' region"); the Go SDK
 * v1's `RequestError: send request failed` and v2's (smithy-go) `operation error <Service>:
 * <Operation>, …`; the Java SDKs' SdkClientException/AmazonClientException ("Unable to execute HTTP
 * request"); the C++ SDK's "Unable to connect to endpoint"; the PHP SDK's
 * "AWS HTTP error: " ahead of its HTTP handler's message. Class names alone count: these are
 * AWS's, with or without their package in front.
 */
const AWS_CLIENT_TRANSPORT =
  /\b(?:EndpointConnectionError|ConnectionClosedError|ProxyConnectionError|UnknownEndpoint|NetworkingError|SdkClientException|AmazonClientException)\b|\b(?:on|from) endpoint URL: "|\bCould not connect to the endpoint URL\b|\bSSL validation failed for https?:\/\/|\bThis service may not be available in the [`']|\bRequestError: send request failed\b|\boperation error [A-Za-z0-9 ]{1,60}: [A-Za-z0-9]{1,100}, |\bUnable to connect to endpoint\b|\bUnable to execute HTTP request\b|\bAWS HTTP error: /;

/** Whether the text holds an AWS client's own wording of a transport failure (see AWS_CLIENT_TRANSPORT). */
export function namesAwsClientTransport(text: string): boolean {
  return AWS_CLIENT_TRANSPORT.test(text);
}

/** Whether the text names another cloud's endpoint, server or SDK. */
export function namesOtherCloud(text: string): boolean {
  return namesOtherCloudServer(text) || namesOtherCloudClient(text);
}

/**
 * An S3 API client or request, whichever store it went to: SigV4's presigned-URL parameters and its S3
 * credential scope (`…/s3/aws4_request`, also URL-encoded), an S3 operation by its API name
 * (`PutObject`, `ListObjectsV2`…, as the AWS SDKs, minio-go and the tools on them print it), an
 * `s3://`/`s3a://` URL, or a general S3 client by name (s3cmd, s5cmd, minio-go, s3fs, goofys,
 * mountpoint-s3). A request that got no answer failed in that client, as in an AWS SDK's.
 */
const S3_API_CLIENT =
  /\bX-Amz-(?:Algorithm|Credential|Signature|SignedHeaders)=|(?:\/|%2F)s3(?:\/|%2F)aws4_request\b|\b(?:PutObject|GetObject|HeadObject|ListObjects(?:V2)?|ListBuckets|HeadBucket|CreateMultipartUpload|UploadPart|CompleteMultipartUpload|CopyObject|DeleteObjects?|GetBucketLocation)\b|\bs3[an]?:\/\/|\b(?:s3cmd|s5cmd|minio-go|s3fs|goofys|mountpoint-s3)\b/i;

/** Whether the text names an S3 API client or request (see S3_API_CLIENT). */
export function namesS3ApiClient(text: string): boolean {
  return S3_API_CLIENT.test(text);
}
