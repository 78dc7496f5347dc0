// The mail that tells the Home Affairs office a step of an assignment could not be written (an incident): which
// step, of which task and unit, and where to repair it. The database's reason stays on the incidents page.
import type { KindTemplates } from './types.js';

const P = 'style="margin:0 0 10px"';
const RED = 'style="color:#c62828"';

export const INCIDENT_TEMPLATES: KindTemplates = {
  vi: {
    subject: '[Đôn Đốc] Sự cố ghi dữ liệu: {{step}} – {{task.title}}',
    text: `Hệ thống không ghi được bước "{{step}}" của nhiệm vụ dưới đây vào cơ sở dữ liệu{{#if again}} (lần thứ {{failures}}){{/if}}. Nhiệm vụ vẫn được theo dõi, đôn đốc bình thường; riêng bước này chưa được lưu.

{{> task}}
Đề nghị kiểm tra nguyên nhân, sau đó ghi lại bước này hoặc đóng sự cố tại trang Sự cố.`,
    html: `<p ${P}>Hệ thống <strong ${RED}>không ghi được</strong> bước “{{step}}” của nhiệm vụ dưới đây vào cơ sở dữ liệu{{#if again}} (lần thứ {{failures}}){{/if}}. Nhiệm vụ vẫn được theo dõi, đôn đốc bình thường; riêng bước này chưa được lưu.</p>
{{> task}}
<p ${P}>Đề nghị kiểm tra nguyên nhân, sau đó ghi lại bước này hoặc đóng sự cố tại trang {{#if incidentsUrl}}<a href="{{incidentsUrl}}" style="color:#0b5cad">Sự cố</a>{{else}}Sự cố{{/if}}.</p>`,
  },
  en: {
    subject: '[Đôn Đốc] A step could not be written: {{step}} – {{task.title}}',
    text: `The step "{{step}}" of the task below could not be written to the database{{#if again}} (failure {{failures}}){{/if}}. The task is still followed up as usual; only this step is not stored yet.

{{> task}}
Please check the cause, then write the step again or close the incident on the Incidents page.`,
    html: `<p ${P}>The step “{{step}}” of the task below <strong ${RED}>could not be written</strong> to the database{{#if again}} (failure {{failures}}){{/if}}. The task is still followed up as usual; only this step is not stored yet.</p>
{{> task}}
<p ${P}>Please check the cause, then write the step again or close the incident on the {{#if incidentsUrl}}<a href="{{incidentsUrl}}" style="color:#0b5cad">Incidents</a>{{else}}Incidents{{/if}} page.</p>`,
  },
};
