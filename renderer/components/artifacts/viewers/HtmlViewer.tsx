/**
 * HTML in a frame with an empty sandbox: no scripts, no forms, no popups, no same-origin
 * access, no top navigation. srcdoc frames inherit this page's CSP, so remote images and
 * styles stay blocked as well.
 */
export function HtmlViewer({ text, title }: { text: string; title: string }) {
  return (
    <div className="html-view">
      <p className="viewer-note">Shown in a sandbox: scripts, forms and outside links are disabled.</p>
      <iframe sandbox="" srcDoc={text} title={title} referrerPolicy="no-referrer" />
    </div>
  );
}
