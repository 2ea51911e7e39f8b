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
  // Microsoft Azure (Blob Storage, Entra ID, management)
  'core.windows.net',
  'login.microsoftonline.com',
  'management.azure.com',
  'azure.com',
  // Tencent Cloud (COS)
  'myqcloud.com',
  'tencentcloudapi.com',
  // Oracle Cloud Infrastructure (Object Storage and its S3 compatibility API)
  'oraclecloud.com',
  // IBM Cloud Object Storage
  'cloud-object-storage.appdomain.cloud',
  'objectstorage.softlayer.net',
  // S3-compatible object stores
  'digitaloceanspaces.com',
  'wasabisys.com',
  'backblazeb2.com',
  'r2.cloudflarestorage.com',
  'linodeobjects.com',
  'scw.cloud',
  'storage.yandexcloud.net',
  'ovh.net',
  'ovh.us',
  'ksyuncs.com',
];

/**
 * Other clouds' SDK packages and namespaces, and the error heads their clients print, for pastes
 * that show no host: Alibaba's Go SDK (`oss: service returned error: StatusCode=…`) and Python
 * `oss2`, Huawei's OBS SDK (`com.obs.services`), Google's auth and client libraries, Azure's SDKs,
 * Oracle's, IBM's boto3 fork, and the self-hosted S3-compatible servers by their own headers and names (MinIO's
 * `Server: MinIO` and `X-Minio-*`, Ceph's RADOS gateway). A general S3 client (minio-py, s3cmd, rclone)
 * is not one: it talks to Amazon S3 as often as to anything else.
 */
const OTHER_CLOUD_SDKS =
  /\boss: service returned error\b|\bcom\.aliyun(?:\.|cs\b)|\baliyunsdk|\boss2\.exceptions\b|\bcom\.obs\.services\b|\bObsException\b|\bhuaweicloudsdk|\bcom\.huaweicloud\b|\bcom\.qcloud\.cos\b|\bqcloud_cos\b|\bgoogle\.(?:auth|cloud|api_core)\.|\bcom\.google\.cloud\b|\bcloud\.google\.com\/go\b|\boauth2client\b|@google-cloud\/|@azure\/|\bazure\.(?:core|identity|storage)\b|\bcom\.azure\b|\bMicrosoft\.Azure\b|\bAzure\.(?:Core|Identity|Storage)\b|\bMSAL\b|\bcom\.oracle\.bmc\b|\boci\.exceptions\b|\bibm_boto3\b|\bibm_botocore\b|\bServer: MinIO\b|\bX-Minio-|\bradosgw\b|\bCeph Object Gateway\b/i;

function escaped(domain: string): string {
  return domain.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A host ending with one of the domains, as a whole label (`bucket.oss-cn-hangzhou.aliyuncs.com`, not `myaliyuncs.com.example`). */
const OTHER_CLOUD_HOST = new RegExp(
  String.raw`(?:^|[^A-Za-z0-9-])(?:[A-Za-z0-9-]{1,63}\.)*(?:${OTHER_CLOUD_HOSTS.map(escaped).join('|')})(?![A-Za-z0-9-]|\.[A-Za-z0-9])`,
  'i',
);

/** Whether the text names another cloud's endpoint or SDK. */
export function namesOtherCloud(text: string): boolean {
  return OTHER_CLOUD_HOST.test(text) || OTHER_CLOUD_SDKS.test(text);
}
