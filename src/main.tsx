import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { config as zodConfig } from 'zod'
import { App } from './app/App'
import './index.css'

// The app's CSP forbids eval; without this zod probes `new Function`, which the browser reports as a violation.
zodConfig({ jitless: true })

const root = document.getElementById('root')
if (root === null) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
