/** One mail as every transport takes it. Kept apart so templates import no Worker bindings. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}
