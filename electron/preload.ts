// The renderer's only bridge to the main process. Deliberately empty until the typed IPC
// contract (call/subscribe over two fixed channels) arrives with the desktop UI.
export {};
