import type { Locale } from '../../src/i18n/locale.js';

/**
 * The few sentences only the Slack adapter says. They belong in the core's catalogue
 * (src/i18n); until they move there, they live here in both languages.
 */
const messages = {
  da: {
    formExpired: 'Formularen kunne ikke åbnes i tide. Tryk på knappen igen, så prøver jeg igen.',
    homeMore: 'Der er flere — skriv «mine besøg» til mig for at se hele listen.',
    modalClose: 'Luk',
  },
  en: {
    formExpired:
      'The form could not be opened in time. Press the button again and I will try again.',
    homeMore: 'There are more — write “my visits” to me to see the whole list.',
    modalClose: 'Close',
  },
} satisfies Record<Locale, Record<string, string>>;

export type SlackMessages = (typeof messages)['da'];

export function slackMessages(locale: Locale): SlackMessages {
  return messages[locale];
}
