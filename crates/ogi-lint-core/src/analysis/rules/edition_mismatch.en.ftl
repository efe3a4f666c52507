# edition-mismatch: a table or a label follows the other template edition.

edition-why-config = the configuration asks for the { $edition } edition
edition-why-document = the report cites { $document }
edition-why-year = a { $year } report uses the { $edition } edition ({ $document })
edition-why-labels = the report follows the { $edition } edition
edition-mismatch-table = { $table } follows the { $other } edition of the template, but { $why }
edition-mismatch-collapsed-other = { $group } is one row in the { $other } edition; the { $edition } edition splits it into { $rows } rows ({ $names }); { $why }
edition-mismatch-no-such-row = { $written } is a row of the { $other } edition; the { $edition } edition has no such row ({ $why })
edition-mismatch-wording = { $written } is the { $other } edition's wording; the { $edition } edition writes { $standard } ({ $why })
edition-mismatch-other-meaning = { $written } is the { $other } edition's { $place }; the { $edition } edition has { $standard } here, which counts something else ({ $why })
