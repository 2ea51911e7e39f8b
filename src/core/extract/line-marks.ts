/**
 * Words of the other error layouts the line filter of the diagnosis knows (`OTHER_ERROR_HINT` in
 * diagnose.ts: HTTP status words, container states, runtime and platform failures, …). The catalog's
 * one scan of a paste finds them beside its phrases, hosts and codes, case-insensitively, so the
 * filter's long alternation runs only on the lines that hold one of them: a line without any cannot
 * match an alternative that needs one (see gateAlternation). An alternative whose words are not here
 * stays correct but is tried on every line; test/core/line-marks.test.ts lists any such.
 * None starts with white space (the scan reads the indentation after a line break as nothing).
 */
export const LINE_MARKS: readonly string[] = [
  // JSON fields and log levels
  '"status',
  '"httpStatus"',
  '"code"',
  '"error_code"',
  '"error"',
  '"level":',
  'level=',
  'lvl=',
  'severity=',
  '[error]',
  '[crit]',
  '[alert]',
  '[emerg]',
  '(error)',
  'error,',
  // HTTP status words and clients
  'Unauthorized:',
  'Unauthenticated:',
  'Forbidden:',
  'Not Found:',
  'NotFound:',
  'Bad Request:',
  'Conflict:',
  'Gone:',
  'Too Many Requests:',
  'Service Unavailable:',
  'Bad Gateway:',
  'Gateway Timeout:',
  'Payment Required:',
  'Unprocessable Entity:',
  '(HTTP',
  'curl',
  'rate-limit has been reached',
  // Denials and credentials of other clouds and clients
  'Permission denied:',
  'PermissionDenied:',
  'denied on resource',
  'authorization to perform action',
  'No such',
  'AADSTS',
  'Compute Engine',
  'GCE metadata',
  'authentication',
  'failed to retrieve',
  'is unavailable',
  'Failed to retrieve auth metadata with error:',
  'status = StatusCode.',
  '. Errors:',
  'SSL validation failed for http',
  'api.aliyun.com/troubleshoot',
  'session',
  // Runtimes, platforms and tools
  'Assertion',
  'Allocation failed -',
  '(core dumped)',
  '** (',
  '* Failed to parse',
  'tid=',
  'Main process exited,',
  "Failed with result '",
  'Failed to start',
  'Out of memory: Killed',
  'Warning',
  'CrashLoopBackOff',
  'OOMKilled',
  'ImagePullBackOff',
  'ErrImagePull',
  'Init:Error',
  'CreateContainer',
  'ContainerCannotRun',
  'container die',
  'container oom',
  "Unable to import module '",
  "' missing on module '",
  "Syntax error in module '",
  'Runtime exited',
  'Task timed out after',
  'Use of undefined constant',
  'failed to open stream',
  // A program's own failure line (`<what> failed: <cause>`)
  'failed:',
  // rclone's pacer retrying a call that failed
  'low level retry',
  // The AWS sign-in page refusing a SAML assertion
  'invalid SAML response',
  // A Go stack's file line
  '.go:',
];
