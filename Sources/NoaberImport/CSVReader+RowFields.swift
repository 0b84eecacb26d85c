import NoaberCSV

/// The reader's current record is the row validators look at; no copy is made.
extension CSVReader: RowFields {}
