import { render } from 'preact';
import '../admin.css';
import { App } from './app.js';

render(<App storage={sessionStorage} baseUrl={location.origin} />, document.getElementById('app')!);
