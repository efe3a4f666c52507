# missing-section: a section the template requires is absent.

missing-section-before = section { $heading } is missing: it belongs before { $next }
    .fix = Insert the heading { $heading }
missing-section-at-end = section { $heading } is missing: it belongs at the end of the report
    .fix = Insert the heading { $heading }
missing-section-empty-file = the file is empty: a 政府信息公开工作年度报告 has six sections, from { $first } to { $last }
missing-section-not-a-report = this does not look like a 政府信息公开工作年度报告: none of its six sections ({ $first } … { $last }) and no statistics table
