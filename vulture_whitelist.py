# ruff: noqa
"""Names vulture cannot see used: vulture reads this file with ``src`` (``[tool.vulture]``).

Each entry is a use of a name, so vulture counts it as used. Keep an entry only for one of the
reasons below; anything else vulture finds is dead code and goes.
"""

# -- Qt calls these overrides, not our code ------------------------------------------------------
_.eventFilter  # flash, session_screen, overlay, startup_stages
_.mousePressEvent  # item_card, overlay
_.mouseMoveEvent  # item_card
_.dragEnterEvent  # items_editor
_.dragMoveEvent
_.dragLeaveEvent
_.dropEvent
_.paint  # session_card's delegate
_.flags  # session_list's model
_.columnCount  # history_model
_.headerData
_.fetchMore  # history_model: the view asks for the next page as it scrolls
_.validate  # spin_boxes: QSpinBox's text handling
pos  # spin_boxes: validate's argument, part of Qt's signature
_.valueFromText
_.textFromValue
_.fixup
_.stepBy
deselected  # start_screen: selectionChanged's second argument
selected  # start_screen: selectionChanged's first argument
_.takeAt  # flow_layout: QLayout's interface
_.itemAt
_.expandingDirections
_.hasHeightForWidth
_.minimumSize

# -- Python calls these: __exit__ and __get__ take their arguments whether used or not -----------
exc_type  # cues/keeper.py
traceback
tb  # store/history.py


# -- the file format and the engine's data: read by the writer, the CLI and tests ----------------
harder  # session/model.py: an exercise's "harder" line, read and written with the file
hold_seconds  # engine/events.py: Summary field
seconds_left  # engine/events.py: CountdownSecond field
ROW_SESSION_ID  # store/history.py: names the last column of a history row
move  # session/progression.py: Suggestion field

# -- used by tests (and tools) to watch or drive the real thing ----------------------------------
FakeClock  # engine/clock.py: the clock every timing test and tools/ use
_.advance
_.suspend
_.sees_sleep
suggest  # session/progression.py: the progression rules (only tests call them so far)
_.speech_pending  # cues/director.py
_.wait_idle  # cues/keeper.py
_.prepared  # cues/voice.py
_.readable_count  # store/history.py
read_csv  # store/history_cli.py: reads back what the CSV export wrote
read_text_limited  # store/reading.py
_.time_text  # ui/finish/finish_screen.py
_.done_text
_.skipped_text
_.select_row  # ui/history/history_view.py
_.busy  # ui/history/history_view.py: tests wait until the worker has answered
_.set_rows  # ui/history/history_model.py: a model given all its rows (the model tester)
_.table_rows  # store/history.py: every row at once, for tests of the order
_.shown_ids  # ui/library/editor.py
_.ticking  # ui/run/adapter.py
_.wake_ms  # ui/run/adapter.py: the armed wake, read by tests
_.paints  # ui/run/flash.py
_.flashes
_.strength
_.texts  # ui/shell/notice_bar.py
_.loading  # ui/shell/startup_stages.py


# -- read by tests: the window's side windows and My sessions' undo line -------------------------
_.settings_dialog  # ui/shell/side_windows.py
_.history_view
_.undo_label  # ui/library/my_sessions.py
_.sortIndicator  # ui/history/sort_header.py: a QStyleOptionHeader field Qt reads

# -- exercise figures (issue 13) -----------------------------------------------------------------
_.animating  # ui/common/figure_view.py: whether the frame timer runs, read by tests
_.timer_running  # ui/common/figure_view.py: whether the view's own frame timer runs, read by tests
_.intrinsicSize  # ui/handout/handout_pdf.py: QTextObjectInterface, called by the text layout
_.drawObject

# cues/feed.py: counters the feeder tests read (writes per second, flushes)
_.flushes
_.writes

# ui/shell/handover.py: a second start's session file still being read, waited on by tests
_.reading
