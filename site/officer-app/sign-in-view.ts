/** The sign-in screen: the section's code, typed or from a link, and what still waits on the phone. Pure. */
import { escapeHtml } from '../../shared/pages/html.js';
import { APP_MESSAGES, type AppLanguage } from './messages.js';
import { otherLanguage } from './state.js';

export function renderSignInPage(options: { language: AppLanguage; error: string; waiting: number }): string {
  const { language, error, waiting } = options;
  const t = APP_MESSAGES[language];
  const m = t.signIn;
  return `<header class="bar"><div class="actions"><button type="button" id="language" data-action="language" class="secondary" lang="${otherLanguage(language)}">${t.otherLanguage}</button></div><h1 id="page-title" tabindex="-1">${m.heading}</h1></header>
<form class="card" data-form="sign-in" novalidate><p>${m.intro}</p><div class="field"><label for="token">${m.label}</label><input id="token" name="token" type="password" autocomplete="off" autocapitalize="off" spellcheck="false" required${error ? ' aria-invalid="true" aria-describedby="sign-in-error"' : ''}></div>
<p><label class="inline"><input type="checkbox" data-action="show-token"> ${m.show}</label></p>
${error ? `<p id="sign-in-error" class="error" role="alert">${escapeHtml(error)}</p>` : ''}${waiting ? `<p class="notice">${m.waiting(waiting)}</p>` : ''}<button type="submit">${m.button}</button></form>`;
}
