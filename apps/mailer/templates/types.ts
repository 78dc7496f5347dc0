/** The language a mail is written in: Vietnamese unless the recipient asked for English. */
export type MailLang = 'vi' | 'en';

/** The handlebars sources of one kind of mail in one language; the layout adds greeting, actions and footer. */
export interface LangTemplates {
  /** Plain text, one line (newlines are folded). */
  subject: string;
  text: string;
  html: string;
}

/** One kind of mail: the same message written once in each language (a mail carries one of them). */
export type KindTemplates = Record<MailLang, LangTemplates>;

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}
