/*
 * Vietnamese for the texts of the Camunda Forms renderer (form-js) and its date picker (flatpickr).
 *
 * Tasklist 7.24 renders task and start forms with form-js, whose few own texts ("Select",
 * "Search", "Field is required.", the calendar's month and weekday names) are written into its
 * bundle in English and do not go through Tasklist's locales/*.json. This script, loaded through
 * `customScripts` in config.js, puts the Vietnamese text in their place once the form has drawn
 * them: only in the form-js elements listed in SCOPES, and only texts that equal one of the
 * English messages below, so the labels, options and values of the forms themselves are never touched.
 *
 * form-js also writes and reads dates in the browser's own format (Intl.DateTimeFormat with the
 * default locale): an English browser would show 11/10/2026 for 10 November. Tasklist is in
 * Vietnamese whatever the browser's language (config.js), so the default locale of
 * Intl.DateTimeFormat is made Vietnamese as well: dd/mm/yyyy everywhere. An explicit locale is kept.
 */

const DATE_LOCALE = 'vi-VN';

if (typeof Intl !== 'undefined' && !Intl.DateTimeFormat.viDefault) {
  const NativeDateTimeFormat = Intl.DateTimeFormat;
  const ViDateTimeFormat = function DateTimeFormat(locales, options) {
    const locale = locales === undefined || locales === 'default' ? DATE_LOCALE : locales;
    return new NativeDateTimeFormat(locale, options);
  };
  ViDateTimeFormat.prototype = NativeDateTimeFormat.prototype;
  ViDateTimeFormat.supportedLocalesOf = NativeDateTimeFormat.supportedLocalesOf.bind(NativeDateTimeFormat);
  ViDateTimeFormat.viDefault = true;
  Intl.DateTimeFormat = ViDateTimeFormat;
}

const RULES = [
  // form-js validation (lib/deps.js of camunda-webapp-webjar 7.24.0)
  [/^Field is required\.$/, 'Trường này là bắt buộc.'],
  [/^Field must match pattern (.+)\.$/, 'Giá trị phải khớp với mẫu $1.'],
  [/^Field must have minimum value of (.+)\.$/, 'Giá trị nhỏ nhất là $1.'],
  [/^Field must have maximum value of (.+)\.$/, 'Giá trị lớn nhất là $1.'],
  [/^Field must have minimum length of (.+)\.$/, 'Cần nhập ít nhất $1 ký tự.'],
  [/^Field must have maximum length of (.+)\.$/, 'Chỉ được nhập tối đa $1 ký tự.'],
  [/^Field must be a valid +international phone number\..*$/, 'Số điện thoại không hợp lệ: nhập theo dạng quốc tế (ví dụ: +84912345678).'],
  [/^Field must be a valid email\.$/, 'Địa chỉ thư điện tử không hợp lệ.'],
  [/^Value is not a number\.$/, 'Giá trị phải là một số.'],
  [/^Value is expected to be an integer\.$/, 'Giá trị phải là số nguyên.'],
  [/^Value is expected to have at most (\d+) decimal digits?\.$/, 'Giá trị chỉ được có tối đa $1 chữ số thập phân.'],
  [/^Please select a valid value, the two nearest valid values are (.+) and (.+)\.$/,
    'Giá trị không hợp lệ; hai giá trị hợp lệ gần nhất là $1 và $2.'],
  [/^Date and time must both be entered\.$/, 'Cần nhập cả ngày và giờ.'],
  // form-js select, taglist and search
  [/^Select$/, 'Chọn'],
  [/^Search$/, 'Tìm kiếm'],
  [/^No results$/, 'Không có kết quả'],
  [/^All values selected$/, 'Đã chọn tất cả'],
  // flatpickr calendar (weekdays start on Sunday there)
  [/^Sun$/, 'CN'], [/^Mon$/, 'T2'], [/^Tue$/, 'T3'], [/^Wed$/, 'T4'],
  [/^Thu$/, 'T5'], [/^Fri$/, 'T6'], [/^Sat$/, 'T7'],
  [/^January$/, 'Tháng 1'], [/^February$/, 'Tháng 2'], [/^March$/, 'Tháng 3'],
  [/^April$/, 'Tháng 4'], [/^May$/, 'Tháng 5'], [/^June$/, 'Tháng 6'],
  [/^July$/, 'Tháng 7'], [/^August$/, 'Tháng 8'], [/^September$/, 'Tháng 9'],
  [/^October$/, 'Tháng 10'], [/^November$/, 'Tháng 11'], [/^December$/, 'Tháng 12']
];

// Elements whose text is form-js's or flatpickr's own, never the form author's.
const SCOPES = [
  '.fjs-form-field-error',
  '.fjs-select-placeholder',
  '.fjs-dropdownlist-empty',
  '.flatpickr-weekday',
  '.flatpickr-monthDropdown-month'
].join(',');

export function translate(text) {
  const trimmed = text.trim();
  if (!trimmed) {
    return null;
  }
  for (const [pattern, replacement] of RULES) {
    if (pattern.test(trimmed)) {
      return text.replace(trimmed, trimmed.replace(pattern, replacement));
    }
  }
  return null;
}

function translateTextNodes(element) {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const translated = translate(node.data);
    if (translated !== null && translated !== node.data) {
      node.data = translated;
    }
  }
}

function translatePlaceholder(input) {
  const translated = translate(input.getAttribute('placeholder') || '');
  if (translated !== null) {
    input.setAttribute('placeholder', translated);
  }
}

function translateWithin(root) {
  if (!(root instanceof Element)) {
    return;
  }
  if (root.matches(SCOPES)) {
    translateTextNodes(root);
  }
  root.querySelectorAll(SCOPES).forEach(translateTextNodes);
  if (root.matches('.fjs-container input[placeholder]')) {
    translatePlaceholder(root);
  }
  root.querySelectorAll('.fjs-container input[placeholder]').forEach(translatePlaceholder);
}

function onMutations(mutations) {
  for (const mutation of mutations) {
    if (mutation.type === 'characterData') {
      const parent = mutation.target.parentElement;
      if (parent && parent.closest(SCOPES)) {
        const translated = translate(mutation.target.data);
        if (translated !== null && translated !== mutation.target.data) {
          mutation.target.data = translated;
        }
      }
    } else if (mutation.type === 'attributes') {
      if (mutation.target.matches('.fjs-container input[placeholder]')) {
        translatePlaceholder(mutation.target);
      }
    } else {
      const target = mutation.target instanceof Element ? mutation.target : mutation.target.parentElement;
      if (target && target.closest(SCOPES)) {
        translateTextNodes(target.closest(SCOPES));
      }
      mutation.addedNodes.forEach(translateWithin);
    }
  }
}

if (typeof document !== 'undefined' && typeof MutationObserver !== 'undefined') {
  const start = () => {
    translateWithin(document.body);
    new MutationObserver(onMutations).observe(document.body, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['placeholder']
    });
  };
  if (document.body) {
    start();
  } else {
    document.addEventListener('DOMContentLoaded', start);
  }
}
