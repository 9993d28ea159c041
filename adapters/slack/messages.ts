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
    installedTitle: 'Nabo er installeret',
    installedBody:
      'Nabo er nu installeret i jeres Slack-arbejdsområde. Åbn Slack og skriv «hjælp» til Nabo for at komme i gang.',
    installRefusedTitle: 'Nabo kan ikke installeres her',
    installRefusedBody:
      'Dette Slack-arbejdsområde er ikke godkendt til Nabo, så intet er installeret og intet er gemt. Kontakt den, der driver Nabo hos jer, hvis arbejdsområdet skal med.',
    installOrgRefusedBody:
      'Nabo installeres i ét arbejdsområde ad gangen, ikke i hele organisationen. Start installationen igen fra det arbejdsområde, Nabo skal bruges i.',
    installFailedTitle: 'Installationen lykkedes ikke',
    installFailedBody:
      'Slack og Nabo kunne ikke gennemføre installationen. Intet er gemt. Prøv igen fra begyndelsen.',
  },
  en: {
    formExpired:
      'The form could not be opened in time. Press the button again and I will try again.',
    homeMore: 'There are more — write “my visits” to me to see the whole list.',
    modalClose: 'Close',
    installedTitle: 'Nabo is installed',
    installedBody:
      'Nabo is now installed in your Slack workspace. Open Slack and write “help” to Nabo to get started.',
    installRefusedTitle: 'Nabo cannot be installed here',
    installRefusedBody:
      'This Slack workspace is not approved for Nabo, so nothing was installed and nothing was stored. Contact whoever runs Nabo for you if the workspace should be included.',
    installOrgRefusedBody:
      'Nabo is installed in one workspace at a time, not across the whole organisation. Start the install again from the workspace that will use Nabo.',
    installFailedTitle: 'The install did not complete',
    installFailedBody:
      'Slack and Nabo could not complete the install. Nothing was stored. Please start again.',
  },
} satisfies Record<Locale, Record<string, string>>;

export type SlackMessages = (typeof messages)['da'];

export function slackMessages(locale: Locale): SlackMessages {
  return messages[locale];
}
