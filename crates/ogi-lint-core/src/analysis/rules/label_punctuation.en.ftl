# label-punctuation: a label differs from the template only in punctuation, width or spacing.

label-punctuation = { $place } { $written } differs from the standard { $standard } only in punctuation, width or spacing
