# section-title: a section heading is worded differently from the template.

section-title = section { $number } should be titled { $standard }, not { $found }
