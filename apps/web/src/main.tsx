import { render } from 'preact';
import { App } from './app.js';
// The editor's monospace font, with the Vietnamese glyphs office machines' fonts do not all have.
import '@fontsource/noto-sans-mono/latin-400.css';
import '@fontsource/noto-sans-mono/latin-600.css';
import '@fontsource/noto-sans-mono/vietnamese-400.css';
import '@fontsource/noto-sans-mono/vietnamese-600.css';
import './styles.css';

render(<App />, document.getElementById('app')!);
