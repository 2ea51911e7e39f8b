/** The intake endpoint's settings (read and validated by src/app/settings.ts); it is on only when METERDOC_INTAKE_SECRET is set. */
export interface IntakeConfig {
  secret: string;
  channel: string;
  /** Socket Mode only: the port of the standalone intake server. */
  port: number;
  maxBodyBytes: number;
}
