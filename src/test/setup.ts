// Vitest setup shared by every test file. IndexedDB for Dexie tests in jsdom (a no-op in the node environment).
import 'fake-indexeddb/auto'
