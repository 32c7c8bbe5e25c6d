// Entry: load the first state from main, set up language and theme, then render.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { boot } from './stores/sync';
import './styles/theme.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/threads.css';
import './styles/chat.css';
import './styles/messages.css';
import './styles/parts.css';
import './styles/markdown.css';
import './styles/composer.css';
import './styles/dialogs.css';

const root = createRoot(document.getElementById('root')!);
void boot().finally(() => {
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
