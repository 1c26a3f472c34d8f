/*
 * After a preparer files a nomination from Tasklist's start form, Tasklist only says "Quy trình đã được
 * bắt đầu." for three seconds. The nomination's code (the process instance's business key, given by the
 * process while it starts) is what the unit quotes on the phone and on paper, so this script, loaded
 * through `customScripts` in config.js, keeps a notice with the code and a link to the dossier's page until
 * the preparer closes it.
 *
 * It watches the answers of the start-form submissions Tasklist sends (POST .../process-definition/<id or
 * key/...>/submit-form, through XMLHttpRequest as AngularJS does) and reads the business key of the process
 * instance they return. Nothing is sent that Tasklist would not send; the notice is built with textContent
 * only (no HTML from the server); its looks are in ../styles/user-styles.css (.award-filed-notice).
 */

const SUBMIT_FORM = /\/process-definition\/(key\/[^/]+(\/tenant-id\/[^/]+)?|[^/]+)\/submit-form(\?|$)/;

function showFiled(code) {
  const old = document.querySelector('.award-filed-notice');
  if (old) {
    old.remove();
  }
  const notice = document.createElement('div');
  notice.className = 'award-filed-notice';
  notice.setAttribute('role', 'status');
  const text = document.createElement('span');
  text.textContent = 'Đã gửi hồ sơ. Mã hồ sơ: ';
  const strong = document.createElement('strong');
  strong.className = 'award-filed-code';
  strong.textContent = code;
  text.appendChild(strong);
  text.appendChild(document.createTextNode('. '));
  const link = document.createElement('a');
  link.href = '/ho-so/' + encodeURIComponent(code);
  link.textContent = 'Xem hồ sơ và nơi hồ sơ đang được xử lý';
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'close';
  close.setAttribute('aria-label', 'Đóng');
  close.textContent = '×';
  close.addEventListener('click', () => notice.remove());
  notice.append(text, link, close);
  document.body.appendChild(notice);
}

if (typeof XMLHttpRequest !== 'undefined' && !XMLHttpRequest.prototype.awardFiledCode) {
  const open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.awardFiledCode = true;
  XMLHttpRequest.prototype.open = function (method, url) {
    if (String(method).toUpperCase() === 'POST' && SUBMIT_FORM.test(String(url))) {
      this.addEventListener('load', () => {
        if (this.status !== 200) {
          return;
        }
        try {
          const instance = JSON.parse(this.responseText);
          if (instance && typeof instance.businessKey === 'string' && instance.businessKey) {
            showFiled(instance.businessKey);
          }
        } catch (e) {
          // not the answer expected: Tasklist shows its own message
        }
      });
    }
    return open.apply(this, arguments);
  };
}
