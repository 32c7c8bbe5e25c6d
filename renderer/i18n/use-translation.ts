// The app's translation hook, used instead of react-i18next's. That one copies the whole i18next instance into a
// new wrapper object for every component that mounts; profiled while wheel-scrolling a 10,000-message thread
// (tests/bench/scale.bench.ts) it was the largest single cost of mounting a message row. This one shares one
// `t` per language and re-renders its component when the language changes, which is all the app uses.
import i18n from 'i18next';
import { useSyncExternalStore } from 'react';

const subscribe = (onChange: () => void) => {
  i18n.on('languageChanged', onChange);
  return () => i18n.off('languageChanged', onChange);
};
const language = () => i18n.language;

interface Translation {
  t: typeof i18n.t;
  i18n: typeof i18n;
}

let current: { language: string; value: Translation } | null = null;

export function useTranslation(): Translation {
  const lang = useSyncExternalStore(subscribe, language);
  // a new `t` per language, so components that memoize on it render the new language
  if (!current || current.language !== lang) current = { language: lang, value: { t: i18n.t.bind(i18n) as typeof i18n.t, i18n } };
  return current.value;
}
