// Entry point: read the session token, build the shared state, mount the app.
import { mount } from 'svelte';
import App from './App.svelte';
import NoSession from './pages/NoSession.svelte';
import { sessionToken } from './session.js';
import { createAppState, desktopTransport } from './state/app.js';
import './styles.css';

const target = document.getElementById('app')!;
const token = sessionToken();
if (token || desktopTransport()) mount(App, { target, props: { app: createAppState(token) } });
else mount(NoSession, { target });
