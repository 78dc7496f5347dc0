/** The handlebars sources of one kind of mail; the layout adds greeting, English section frame and footer. */
export interface KindTemplates {
  /** Plain text, one line (newlines are folded). */
  subject: string;
  viText: string;
  enText: string;
  viHtml: string;
  enHtml: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}
