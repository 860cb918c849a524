"""Figures the chairman can trust: the reporting workflow, provenance beside the figures, evidence documents."""

STRINGS: dict[str, tuple[str, str]] = {
    # the reporting workflow (lib.core.workflow): states, counting, the page
    "state_not_reported": ("Chưa báo cáo", "Not reported"),
    "state_draft": ("Nháp", "Draft"),
    "state_submitted": ("Đã gửi, chờ thẩm định", "Submitted, awaiting appraisal"),
    "state_returned": ("Bị trả lại", "Returned"),
    "state_approved": ("Đã duyệt (khóa)", "Approved (locked)"),
    "counting_all": ("mọi số liệu đã nhận (cả chưa duyệt)", "every figure received (approved or not)"),
    "counting_approved": ("chỉ số liệu đã duyệt", "approved figures only"),
    "page_workflow": ("Gửi và thẩm định", "Submit and appraise"),
    "workflow_intro": ("Số liệu cán bộ đơn vị nhập là **nháp** cho đến khi bấm **Gửi**. Phòng Nội vụ thẩm định "
                       "từng số liệu đã gửi: chấp nhận thì số liệu được **duyệt và khóa**, trả lại thì kèm nhận "
                       "xét để đơn vị sửa rồi gửi lại. Sửa số liệu đã duyệt cần Phòng Nội vụ mở khóa, nêu lý do. "
                       "Mọi bước đều được ghi vào nhật ký.",
                       "Figures a unit's officer enters are a **draft** until they press **Submit**. The "
                       "secretariat appraises each submitted figure: accepted, it is **approved and locked**; "
                       "returned, it carries a comment for the unit to fix it and submit again. Changing an "
                       "approved figure needs the secretariat to unlock it with a reason. Every step is logged."),
    "workflow_counting": ("Các trang đang tính: {counting}.", "The pages now count: {counting}."),
    "workflow_figures": ("Số liệu của đơn vị trong kỳ", "The unit's figures for the period"),
    "workflow_none": ("Đơn vị chưa có số liệu nào cho kỳ này.", "The unit has no figure for this period yet."),
    "workflow_submit": ("Gửi", "Submit"),
    "workflow_submit_help": ("Gửi các số liệu nháp và bị trả lại của đơn vị trong kỳ này để Phòng Nội vụ thẩm định.",
                             "Send the unit's draft and returned figures of this period to the secretariat for "
                             "appraisal."),
    "workflow_submitted": ("Đã gửi {count} số liệu của {unit}, kỳ {period}.",
                           "Submitted {count} figure(s) of {unit}, period {period}."),
    "workflow_appraise_title": ("Thẩm định", "Appraisal"),
    "workflow_appraise_intro": ("Chọn kết quả cho từng số liệu đang chờ; trả lại thì ghi nhận xét (đơn vị thấy "
                                "nhận xét bên cạnh ô số liệu).",
                                "Choose a decision for each waiting figure; a return needs a comment (the unit "
                                "sees it next to the field)."),
    "workflow_accept": ("Chấp nhận", "Accept"),
    "workflow_return": ("Trả lại", "Return"),
    "workflow_appraise_save": ("Lưu kết quả thẩm định", "Save the appraisal"),
    "workflow_appraised": ("Đã thẩm định {count} số liệu.", "Appraised {count} figure(s)."),
    "workflow_nothing_chosen": ("Chưa chọn kết quả cho số liệu nào.", "No decision was chosen."),
    "workflow_unlock_title": ("Mở khóa số liệu đã duyệt", "Unlock approved figures"),
    "workflow_unlock_pick": ("Chỉ tiêu cần mở khóa", "Indicators to unlock"),
    "pick_indicators": ("Chọn chỉ tiêu", "Choose indicators"),  # an empty pick of indicators
    "workflow_unlock_reason": ("Lý do mở khóa", "Reason for unlocking"),
    "workflow_unlock": ("Mở khóa", "Unlock"),
    "workflow_unlocked": ("Đã mở khóa {count} số liệu; sau khi sửa, số liệu chờ thẩm định lại.",
                          "Unlocked {count} figure(s); once changed they await appraisal again."),
    "workflow_queue_title": ("Số liệu chờ thẩm định", "Figures awaiting appraisal"),
    "workflow_queue_empty": ("Không có số liệu nào chờ thẩm định.", "No figure awaits appraisal."),
    "workflow_close_title": ("Khóa sổ năm", "Close a year"),
    "workflow_close_intro": ("Khi khóa sổ một năm, bảng xếp hạng thi đua của năm đó chỉ tính số liệu đã duyệt, "
                             "dù các trang khác đang tính thế nào.",
                             "Once a year is closed, its emulation ranking counts approved figures only, whatever "
                             "the other pages count."),
    "workflow_close": ("Khóa sổ năm {year}", "Close {year}"),
    "workflow_reopen": ("Mở lại năm {year}", "Reopen {year}"),
    "workflow_closed": ("Đã khóa sổ năm {year}.", "Closed {year}."),
    "workflow_reopened": ("Đã mở lại năm {year}.", "Reopened {year}."),
    "workflow_setting_title": ("Cách tính mặc định của các trang", "What the pages count by default"),
    "workflow_setting_save": ("Lưu cách tính", "Save the setting"),
    "workflow_setting_saved": ("Đã lưu cách tính mặc định: {counting}.", "Saved what the pages count: {counting}."),
    "entry_returned": ("Phòng Nội vụ trả lại {count} số liệu: sửa theo nhận xét (cột Nhận xét thẩm định), bấm "
                       "**Lưu số liệu**, rồi **Gửi** lại ở trang Gửi và thẩm định.",
                       "The secretariat returned {count} figure(s): fix them as the comment says (column "
                       "Appraisal comment), press **Save**, then **Submit** again on the page Submit and appraise."),
    "entry_returned_line": ("{code} · {name}: {comment}", "{code} · {name}: {comment}"),
    "col_state": ("Trạng thái", "State"),
    "col_comment": ("Nhận xét thẩm định", "Appraisal comment"),
    "col_decision": ("Kết quả thẩm định", "Decision"),
    "col_acts": ("Ai cần làm", "Who must act"),
    "col_since": ("Chờ từ ngày", "Waiting since"),
    "col_waited": ("Số ngày chờ", "Days waited"),
    "col_state_by": ("Người chuyển trạng thái", "Moved by"),
    "col_state_at": ("Lúc chuyển", "Moved at"),
    "workflow.figure": ("Chỉ tiêu {indicator}, kỳ {period}: {reason}", "Indicator {indicator}, period {period}: {reason}"),
    "workflow.role": ("Tài khoản này không được làm bước này: gửi số liệu là việc của cán bộ đơn vị, thẩm định, "
                      "duyệt và mở khóa là việc của Phòng Nội vụ; không có gì thay đổi.",
                      "This account may not take this step: units' officers submit, the secretariat appraises, "
                      "approves and unlocks; nothing was changed."),
    "workflow.no_figure": ("chưa có số liệu", "there is no figure"),
    "workflow.not_open": ("chỉ gửi được số liệu nháp hoặc bị trả lại", "only draft or returned figures can be submitted"),
    "workflow.not_submitted": ("chỉ thẩm định được số liệu đã gửi, đang chờ thẩm định",
                               "only submitted figures awaiting appraisal can be appraised"),
    "workflow.not_approved": ("chỉ mở khóa được số liệu đã duyệt", "only approved figures can be unlocked"),
    "workflow.comment_needed": ("trả lại cần ghi nhận xét, mở khóa cần ghi lý do",
                                "a return needs a comment, an unlock a reason"),
    "workflow.not_your_unit": ("Tài khoản {user} không được thao tác trên số liệu của đơn vị này; không có gì thay đổi.",
                               "Account {user} may not act on this unit's figures; nothing was changed."),
    "workflow.nothing_to_submit": ("Không có số liệu nháp hoặc bị trả lại nào của kỳ {period} để gửi.",
                                   "There is no draft or returned figure of period {period} to submit."),
    "workflow.unit_unknown": ("Không có đơn vị {unit}.", "There is no unit {unit}."),
    "workflow.counting_unknown": ("Không có cách tính “{value}”.", "There is no such counting: “{value}”."),
    "workflow.evidence_missing": ("Chỉ tiêu {indicators} của kỳ {period} cần tài liệu kiểm chứng trước khi gửi: "
                                  "hãy đính kèm tài liệu rồi gửi lại; không có gì thay đổi.",
                                  "Indicator(s) {indicators} of period {period} need an evidence document before they "
                                  "can be submitted: attach one and submit again; nothing was changed."),
    # provenance beside the figures (lib.present.provenance)
    "prov_title": ("Nguồn gốc số liệu", "Where the figures come from"),
    "prov_intro": ("{count} số liệu của năm đến tháng đang xem: cách nhận, người nhập, lúc nhập, trạng thái duyệt và "
                   "số tài liệu kiểm chứng của từng số liệu.",
                   "{count} figures of the year up to the month shown: how each arrived, who entered it and when, "
                   "its workflow state and how many evidence documents it has."),
    "prov_none": ("Chưa có số liệu nào trong năm đến tháng này.", "No figure yet this year up to this month."),
    "prov_entry": ("Nhập trên biểu mẫu", "Typed in the entry form"),
    "prov_sample": ("Dữ liệu mẫu", "Sample data"),
    "prov_documents": ("Tải tài liệu kiểm chứng", "Download evidence documents"),
    "prov_document": ("{indicator} · {period} · {file} ({size} KB)", "{indicator} · {period} · {file} ({size} KB)"),
    "col_arrival": ("Cách nhận", "How it arrived"),
    "col_updated_by": ("Người nhập", "Entered by"),
    "col_updated_at": ("Lúc nhập", "Entered at"),
    "col_documents": ("Tài liệu", "Evidence"),
    # evidence documents on the page Gửi và thẩm định (lib.web.evidence_ui)
    "evidence_title": ("Tài liệu kiểm chứng của kỳ", "Evidence documents of the period"),
    "evidence_intro": ("Đính kèm quyết định, báo cáo, ảnh chụp... làm căn cứ cho số liệu (PDF, ảnh PNG hoặc JPEG, "
                       "Word .docx, Excel .xlsx). Chỉ tiêu có dấu * cần tài liệu trước khi gửi.",
                       "Attach the decisions, reports, photos... that prove the figures (PDF, PNG or JPEG images, "
                       "Word .docx, Excel .xlsx). Indicators marked * need a document before they can be submitted."),
    "evidence_none": ("Đơn vị chưa đính kèm tài liệu nào cho kỳ này.", "The unit has attached no document for this period."),
    "evidence_indicator": ("Chỉ tiêu của tài liệu", "The document's indicator"),
    "evidence_types": ("Tệp PDF, PNG, JPEG, DOCX hoặc XLSX, tối đa {mb} MB; tệp được kiểm tra theo nội dung, không "
                       "theo tên.",
                       "A PDF, PNG, JPEG, DOCX or XLSX file of at most {mb} MB, checked by its content, not its name."),
    "evidence_pick": ("Chọn tài liệu kiểm chứng", "Choose an evidence document"),
    "evidence_attach": ("Đính kèm", "Attach"),
    "evidence_attached": ("Đã đính kèm {file} cho chỉ tiêu {indicator}.", "Attached {file} to indicator {indicator}."),
    "evidence_delete": ("Xóa", "Delete"),
    "evidence_deleted": ("Đã xóa tài liệu {file}.", "Deleted the document {file}."),
    "evidence_required_title": ("Chỉ tiêu cần tài liệu kiểm chứng", "Indicators that need evidence"),
    "evidence_required_pick": ("Số liệu các chỉ tiêu này chỉ gửi được khi đã có tài liệu kiểm chứng",
                               "Figures of these indicators can be submitted only with an evidence document"),
    "evidence_required_save": ("Lưu danh sách", "Save the list"),
    "evidence_required_saved": ("Đã lưu các chỉ tiêu cần tài liệu kiểm chứng: {codes}.",
                                "Saved the indicators that need evidence: {codes}."),
    # evidence documents (lib.core.evidence_files, lib.store.evidence)
    "evidence.empty": ("Tệp {name} rỗng; không lưu gì.", "The file {name} is empty; nothing was stored."),
    "evidence.too_big": ("Tệp {name} lớn hơn {limit} MB, mức tối đa của một tài liệu kiểm chứng; không lưu gì.",
                         "The file {name} is larger than {limit} MB, the most an evidence document may be; "
                         "nothing was stored."),
    "evidence.type_unknown": ("Theo nội dung, tệp {name} không phải PDF, ảnh PNG hay JPEG, tệp Word (.docx) hay Excel "
                              "(.xlsx); không lưu gì.",
                              "By its content, the file {name} is not a PDF, a PNG or JPEG image, a Word (.docx) or "
                              "an Excel (.xlsx) file; nothing was stored."),
    "evidence.type_mismatch": ("Tên tệp {name} không khớp với nội dung của nó (tệp {ending}); hãy đặt lại đúng đuôi "
                               "rồi tải lên; không lưu gì.",
                               "The name {name} does not match the file's content (a {ending} file); rename it and "
                               "upload it again; nothing was stored."),
    "evidence.zip_too_big": ("Tệp Word hoặc Excel này giải nén ra hơn {limit} MB hoặc quá nhiều phần; không lưu gì.",
                             "This Word or Excel file unpacks to more than {limit} MB or too many parts; nothing was "
                             "stored."),
    "evidence.role": ("Tài khoản này không được đính kèm, xóa tài liệu kiểm chứng hay đổi chỉ tiêu cần tài liệu; "
                      "không có gì thay đổi.",
                      "This account may not attach or delete evidence documents, nor choose which indicators need "
                      "them; nothing was changed."),
    "evidence.not_your_unit": ("Tài khoản {user} không được xem hay thay đổi tài liệu kiểm chứng của đơn vị này.",
                               "Account {user} may not read or change this unit's evidence documents."),
    "evidence.not_found": ("Không có tài liệu kiểm chứng số {id}.", "There is no evidence document {id}."),
    "evidence.fix_unknown": ("Vấn đề này chưa được ghi khắc phục: ghi việc khắc phục trước, rồi đính kèm tài liệu "
                             "kiểm chứng; không lưu gì.",
                             "This issue's fix is not recorded: record the fix first, then attach its evidence; "
                             "nothing was stored."),
    "evidence.unit_unknown": ("Không có đơn vị {unit} để đính kèm tài liệu kiểm chứng.",
                              "There is no unit {unit} to attach evidence to."),
    "evidence.indicator_unknown": ("Không có chỉ tiêu {indicator}: chưa lưu tài liệu kiểm chứng nào.",
                                   "There is no indicator {indicator}: no evidence document was stored."),
    "evidence.locked": ("Số liệu chỉ tiêu {indicator}, kỳ {period} đã được duyệt và khóa: tài liệu kiểm chứng của nó "
                        "chỉ thay đổi được sau khi Phòng Nội vụ mở khóa.",
                        "The figure of indicator {indicator}, period {period} is approved and locked: its evidence "
                        "can change only after the secretariat unlocks it."),
}
