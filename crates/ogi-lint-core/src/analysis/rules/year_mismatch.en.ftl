# year-mismatch: the title, the statistics period and the prose of 一 disagree on the report year.

year-mismatch-title = the title says { $written }, but { $others } { $count ->
        [one] gives
       *[other] give
    } { $year }: the title's year should be { $year }
year-mismatch-period = the statistics period says { $written }, but { $others } { $count ->
        [one] gives
       *[other] give
    } { $year }: the period should be { $year }
year-mismatch-prose = the prose speaks of { $written } as the year reported, but { $others } { $count ->
        [one] gives
       *[other] give
    } { $year }: probably a sentence left from last year's report
year-mismatch-witness = { $what }: { $year }
year-mismatch-in-title = the title
year-mismatch-in-period = the statistics period
year-mismatch-in-prose = the prose
