// Entry: load the first state from main, set up language and theme, then render.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { applyTheme } from './lib/theme';
import { watchMessageLinks } from './stores/search-actions';
import { boot } from './stores/sync';
import './styles/theme.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/threads.css';
import './styles/chat.css';
import './styles/messages.css';
import './styles/parts.css';
import 'katex/dist/katex.min.css';
import './styles/markdown.css';
import './styles/composer.css';
import './styles/dialogs.css';
import './styles/attachments.css';
import './styles/playground.css';
import './styles/traces.css';
import './styles/mcp.css';
import './styles/search.css';
import './styles/branches.css';
import './styles/compare.css';
import './styles/batch.css';
import './styles/suites.css';

// Follow the OS until the stored setting arrives, so a dark desktop never flashes light.
applyTheme('system');
const root = createRoot(document.getElementById('root')!);
void boot().finally(() => {
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  // #/thread/…/message/… on load and later (browser mode; the desktop app's yibu:// links arrive the same way)
  watchMessageLinks();
});
