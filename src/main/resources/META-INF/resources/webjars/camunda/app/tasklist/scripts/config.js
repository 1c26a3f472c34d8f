/*
 * Copyright Camunda Services GmbH and/or licensed to Camunda Services GmbH
 * under one or more contributor license agreements. See the NOTICE file
 * distributed with this work for additional information regarding copyright
 * ownership. Camunda licenses this file to you under the Apache License,
 * Version 2.0; you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

export default {
  // Award nominations of LĐLĐ tỉnh Lai Châu: reviewers read Tasklist in Vietnamese.
  //
  // Header and browser tab show "<vendor> <name>" = "Khen thưởng – LĐLĐ tỉnh Lai Châu";
  // the login page shows the name alone.
  app: {
    name: 'LĐLĐ tỉnh Lai Châu',
    vendor: 'Khen thưởng –'
  },
  //
  // configure the date format
  // "dateFormat": {
  //   "normal": "LLL",
  //   "long":   "LLLL"
  // },
  //
  // Tasklist takes the primary subtag of the browser's first language (navigator.languages[0],
  // "vi-VN" -> "vi", "en-US" -> "en") if it is listed in availableLocales, and fallbackLocale
  // otherwise. Only 'vi' is listed, so every browser (Vietnamese, English or any other) gets
  // Vietnamese; list 'en' as well to let English browsers see the English texts.
  // locales/vi.json beside this folder is our translation (Camunda ships only en and de).
  locales: {
    availableLocales: ['vi'],
    fallbackLocale: 'vi'
  },
  // Vietnamese for the few texts of the forms renderer (form-js) that are not in locales/*.json:
  // "Select", "Field is required.", the date picker's months and weekdays (scripts/vi-forms.js).
  // After a filing, a notice with the new nomination's code and a link to its page (scripts/filed-code.js).
  customScripts: [
    'scripts/vi-forms',
    'scripts/filed-code'
  ],
  // requireJsConfig: {
  //   // AngularJS module names
  //   ngDeps: ['ui.bootstrap'],
  //   // RequireJS configuration for a complete configuration documentation see:
  //   // http://requirejs.org/docs/api.html#config
  //   deps: ['jquery', 'custom-ui'],
  //   paths: {
  //     // if you have a folder called `custom-ui` (in the `scripts` folder)
  //     // with a file called `scripts.js` in it and defining the `custom-ui` AMD module
  //     'custom-ui': 'custom-ui/scripts'
  //   }
  // },
  // csrfCookieName: 'XSRF-TOKEN',
  //
  // The first-login box advertises the Camunda welcome page (/camunda-welcome, absent here).
  disableWelcomeMessage: true,
  // assignProcessInstanceIdToTaskComment: true,
  //
  // The Community Edition end-of-life banner (.ce-eol-banner) has no switch in 7.24: it is
  // hidden by ../styles/user-styles.css.

  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'Nhận công việc đang chọn'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'Chuyển đến bộ lọc đầu tiên trong danh sách'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'Chuyển đến công việc đầu tiên trong danh sách'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'Chuyển đến ô nhập liệu đầu tiên của biểu mẫu công việc'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'Mở hộp thoại bắt đầu quy trình'
    }
  }
};
