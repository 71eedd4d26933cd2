import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'bootstrap-italia/dist/css/bootstrap-italia.min.css';
import './styles/fonts.css';
import './styles/app.css';
import './i18n';
import App from './App';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
