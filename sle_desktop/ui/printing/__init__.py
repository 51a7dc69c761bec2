"""Printouts made with Qt's own PDF support (QPdfWriter / QPrinter + QTextDocument): the subject casebook and the
blank CRFs. No extra dependency in the site installer; fonts are embedded by Qt."""
