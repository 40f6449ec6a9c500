// Customer-facing default texts, in the workspace's language (pure; falls back to English).
const DEFAULT_SUBJECTS: Record<string, string> = {
  en: 'About your support request',
  tr: 'Destek talebiniz hakkında',
  de: 'Zu Ihrer Supportanfrage',
  fr: "À propos de votre demande d'assistance",
  es: 'Sobre su solicitud de soporte',
  pt: 'Sobre a sua solicitação de suporte',
  it: 'Riguardo alla tua richiesta di assistenza',
  nl: 'Over uw ondersteuningsverzoek',
  ar: 'بخصوص طلب الدعم الخاص بك',
};

/** "About your support request" in `language` (`pt-BR` uses `pt`). */
export function defaultTicketSubject(language: string): string {
  return DEFAULT_SUBJECTS[language] ?? DEFAULT_SUBJECTS[language.split('-')[0]] ?? DEFAULT_SUBJECTS.en;
}
