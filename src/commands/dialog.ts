// Entry of dialog.html: shows the sentence passed in the page's fragment (ribbonMessages.ts, showReason).
const reason = document.getElementById("reason");
const text = (() => {
  try {
    return decodeURIComponent(location.hash.replace(/^#/, ""));
  } catch {
    return "";
  }
})();
// textContent, never innerHTML: the sentence can quote a sheet name someone typed.
if (reason && text.trim() !== "") reason.textContent = text;
