import { Component } from 'react'
import type { ErrorInfo, ReactNode } from 'react'

/**
 * Keeps a failure inside the editor's views from taking the page (the player, the list) down with it: the
 * part that failed says so, with the message, and can be tried again. The document is in the stores and
 * IndexedDB, not in these views, so nothing is lost.
 */
export class EditorBoundary extends Component<{ children: ReactNode; what: string }, { error: Error | undefined }> {
  override state: { error: Error | undefined } = { error: undefined }

  static getDerivedStateFromError(error: Error): { error: Error } {
    return { error }
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`ProcLens: the ${this.props.what} failed`, error, info.componentStack)
  }

  override render(): ReactNode {
    const { error } = this.state
    if (error === undefined) return this.props.children
    return (
      <div role="alert" className="m-2 rounded border border-red-900 bg-red-950/40 p-2 text-xs text-red-200">
        The {this.props.what} stopped: {error.message}. Your corrections are saved.{' '}
        <button type="button" className="underline" onClick={() => this.setState({ error: undefined })}>Try again</button>
      </div>
    )
  }
}
