// What people call each step of an assignment's history (the assignment page, the incidents page, the mail
// that tells the office a step could not be written).
const STEP_LABELS: Record<string, { vi: string; en: string }> = {
  assigned: { vi: 'Giao việc', en: 'Assigned' },
  acknowledge_reminder: { vi: 'Nhắc tiếp nhận', en: 'Acknowledgement reminder' },
  reminder: { vi: 'Nhắc hạn', en: 'Reminder' },
  overdue: { vi: 'Quá hạn', en: 'Overdue' },
  check_in: { vi: 'Rà soát định kỳ', en: 'Check-in' },
  escalated: { vi: 'Leo thang', en: 'Escalated' },
  acknowledged: { vi: 'Tiếp nhận', en: 'Acknowledged' },
  progress_reported: { vi: 'Báo cáo tiến độ', en: 'Progress reported' },
  completed: { vi: 'Hoàn thành', en: 'Completed' },
  extension_requested: { vi: 'Đề nghị gia hạn', en: 'Extension requested' },
  extension_approved: { vi: 'Đồng ý gia hạn', en: 'Extension approved' },
  extension_refused: { vi: 'Không đồng ý gia hạn', en: 'Extension refused' },
  reopened: { vi: 'Mở lại', en: 'Reopened' },
  cancelled: { vi: 'Hủy', en: 'Cancelled' },
  amended: { vi: 'Điều chỉnh', en: 'Amended' },
  coordination_acknowledged: { vi: 'Đơn vị phối hợp tiếp nhận', en: 'Coordinating unit acknowledged' },
  contribution_reported: { vi: 'Đơn vị phối hợp báo cáo', en: 'Coordinating unit reported' },
  officer_assigned: { vi: 'Giao chuyên viên', en: 'Given to an officer' },
};

/** The step's name; an unknown type reads as "a step" rather than as its code. */
export function stepLabel(type: string, lang: 'vi' | 'en'): string {
  return STEP_LABELS[type]?.[lang] ?? (lang === 'vi' ? 'Sự kiện khác' : 'Other event');
}
