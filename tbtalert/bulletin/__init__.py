"""The weekly TBT bulletin (bản tin TBT): built, archived, published and mailed.

- :mod:`~tbtalert.bulletin.weeks`    ISO weeks in local time; which week a notification is in
- :mod:`~tbtalert.bulletin.content`  what a week's bulletin says, read from the database
- :mod:`~tbtalert.bulletin.charts`   the inline SVG charts
- :mod:`~tbtalert.bulletin.render`   the HTML, PDF and CSV files
- :mod:`~tbtalert.bulletin.archive`  build, publish, list and read the stored bulletins
"""
