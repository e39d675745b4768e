"""A secretary's journey, measured: from an empty data folder to an exported package.

A commune (Ủy ban nhân dân xã Bạch Đằng) proposes two nominees for the Cao Bằng 2023 pack's
award: a farmer household on an achievement summary (tóm tắt thành tích) and a hamlet (a
collective) on a full report (Mẫu 07). The council has 7 members, 6 present, secret ballot.
The window is driven only with key and mouse events on widgets the screen shows
(:mod:`tests.ui.driver`); every click, key chord, scroll gesture and typed field (with the
Tab that leaves it) is counted and the total is printed as ``journey actions: N``.

The second journey makes the usual mistakes (a date outside the period, a vote below the
threshold, an empty required field) and follows each message back to its field.

``HOSO_JOURNEY_SHOTS=folder`` saves a screenshot of each step (docs/screenshots/journey);
``HOSO_JOURNEY_MEASURE=1`` works round what blocks a person (clicking into a field Tab did
not reach, …), noting each place, and prints every action and the errors left: how the
"before" count in docs/screenshots/journey/actions.md was measured.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QListWidget,
    QPushButton,
    QStyle,
    QStyleOptionButton,
    QWidget,
)

from .driver import Blocked, Driver, clean

# A drop-down's list is a pop-up window: the offscreen platform says it cannot raise it or
# grab the keyboard for it (it works all the same).
pytestmark = pytest.mark.qt_log_ignore("^This plugin does not support raise\\(\\)$",
                                       "^This plugin does not support grabbing the keyboard$")

WIDTH, HEIGHT = 1366, 768
ACTION_TARGET = 80
SHOTS = os.environ.get("HOSO_JOURNEY_SHOTS")  # a folder: one screenshot per step

UNIT = "Ủy ban nhân dân xã Bạch Đằng"
HOUSEHOLD_HEAD = "Nông Văn Páo"
HAMLET = "Xóm Nà Mè"
MEMBERS = ("Hoàng Văn Ữ", "Lục Thị Mai", "Nông Văn Sáng", "Đàm Thị Hoa", "Bế Văn Tài",
           "Lương Thị Xuân", "Hà Văn Dũng")
ABSENT = 6  # Hà Văn Dũng is away: 6 of 7 present


def size_window(qtbot, window: QWidget) -> None:
    """The office laptop's screen. The offscreen platform keeps a window under its 800-px
    screen when geometry is restored, so the size is set (and checked) here."""
    window.showNormal()
    window.resize(WIDTH, HEIGHT)
    window.activateWindow()
    QApplication.processEvents()
    qtbot.waitUntil(lambda: window.size().width() == WIDTH, timeout=2000)
    assert (window.width(), window.height()) == (WIDTH, HEIGHT)


class Secretary(Driver):
    """The driver plus what this app's screens call things."""

    def __init__(self, qtbot, controller, shots=None) -> None:
        super().__init__(qtbot, lambda: controller.window, shots)
        self.controller = controller
        self.cut: set[str] = set()

    # -- the window's parts
    @property
    def window(self):
        return self.controller.window

    def page(self) -> QWidget:
        return self.window.pages[self.step_index()]

    def step_index(self) -> int:
        return self.window.current_step()

    def look(self) -> None:
        """What is cut on the page shown (horizontal scroll bars, labels that do not fit…),
        kept for the end of the journey."""
        from desktop.ui.screenshots import clipped

        self.settle()
        self.cut.update(f"step {self.step_index() + 1}: {line}" for line in clipped(self.window))

    def go_step(self, number: int) -> None:
        """Reach step ``number`` (1-based): the Tiếp button when it leads there, else the
        step list."""
        if self.step_index() == number - 1:
            return
        self.look()
        nxt = [b for b in self.window.findChildren(QPushButton)
               if self.shown(b) and b.isEnabled() and clean(b.text()).startswith("Tiếp")]
        if self.step_index() == number - 2 and nxt:
            self.click(nxt[0], what=f"Tiếp → step {number}")
        else:
            steps: QListWidget = self.window.steps
            rect = steps.visualItemRect(steps.item(number - 1))
            self.click(steps.viewport(), what=f"step list → {number}", pos=rect.center())
        if self.step_index() != number - 1:
            raise Blocked(f"step {number} did not open (at {self.step_index() + 1})")
        self.settle()

    def table(self, title: str) -> QAbstractItemView:
        """The table shown under the heading ``title``."""
        for label in self.page().findChildren(QLabel):
            if not self.shown(label) and not label.isVisible():
                continue
            if clean(label.text()) != clean(title):
                continue
            parent = label.parentWidget()
            lay = parent.layout()
            at = lay.indexOf(label)
            for i in range(at + 1, lay.count()):
                w = lay.itemAt(i).widget()
                if w is None or not w.isVisible():
                    continue
                if isinstance(w, QAbstractItemView):
                    return w
                inner = w.findChildren(QAbstractItemView)
                if inner:
                    return inner[0]
        raise Blocked(f"no table under {title!r}")

    def tick(self, label: str) -> None:
        box = self.find(label)
        self.into_view(box)
        option = QStyleOptionButton()
        box.initStyleOption(option)
        indicator = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option,
                                               box)
        self.click(box, what=f"tick {label[:30]!r}", pos=indicator.center())
        if not box.isChecked():
            raise Blocked(f"{label!r} did not get ticked")

    def find(self, label: str, kind=None, **kw):
        if label.endswith("…"):  # a long label: its beginning is enough
            prefix = clean(label[:-1])
            root = kw.get("root") or self.top()
            for w in root.findChildren(QLabel):
                if w.isVisible() and clean(w.text()).startswith(prefix) and w.buddy():
                    return w.buddy()
            raise Blocked(f"no visible field labelled {label!r}")
        return super().find(label, kind, **kw)


# ---------------------------------------------------------------------------- the journey


TAB = Qt.Key.Key_Tab
ENTER = Qt.Key.Key_Return
DOWN = Qt.Key.Key_Down


def start_page(s: Secretary) -> None:
    """Tên đơn vị, Loại đơn vị (the level follows), Địa danh; Enter creates the dossier."""
    s.shot("start")
    s.fill("Tên đơn vị", UNIT)
    s.choose("Loại đơn vị", "Ủy ban nhân dân xã, phường, thị trấn")
    if s.find("Cấp quản lý").currentText() != "Cấp xã":
        s.block("choosing a commune did not set the managing level")
        s.choose("Cấp quản lý", "Cấp xã")
    s.fill("Địa danh ghi ngày tháng", "Bạch Đằng", then=ENTER)  # Enter: Tạo hồ sơ
    if s.window.objectName() != "main_window":
        s.block("Enter did not create the dossier")
        s.click("Tạo hồ sơ")
    if s.window.objectName() != "main_window":
        raise Blocked("the dossier was not created")


def household(s: Secretary) -> None:
    """A farmer household on an achievement summary (tóm tắt thành tích)."""
    s.click("Hộ gia đình")  # the new nominee's first field has the keyboard
    s.shot("household-new")
    s.fill("Họ và tên chủ hộ", HOUSEHOLD_HEAD)
    s.fill_next("Năm sinh của chủ hộ", "1972")
    s.key(TAB, what="Tab past Giới tính")
    s.fill_next("Dân tộc", "Tày")
    s.fill_next("Địa chỉ", "Xóm Nà Mè, xã Bạch Đằng, huyện Hòa An, tỉnh Cao Bằng")
    s.key(TAB, what="Tab past Số nhân khẩu")
    s.fill_next("Ngành nghề sản xuất, kinh doanh", "Trồng quế, chăn nuôi lợn")
    form = s.find("Hình thức báo cáo thành tích")
    if form.currentText() != "Tóm tắt thành tích":
        s.block("a household's report form is not the summary")
        s.choose("Hình thức báo cáo thành tích", "Tóm tắt thành tích")
    s.fill("Tóm tắt thành tích", "Trồng 3 ha quế, nuôi 20 con lợn; thu nhập 180 triệu đồng "
           "năm 2023; giúp 4 hộ nghèo giống quế.")
    for label in ("1. Gương mẫu chấp hành…", "2. Sản xuất, kinh doanh hiệu quả…",
                  "3. Việc sản xuất, kinh doanh…", "4. Có tinh thần tương thân…"):
        s.tick(label)
    achievement(s, "Trồng mới 3 ha quế, thu nhập 180 triệu đồng")
    s.shot("household-done")


def achievement(s: Secretary, text: str) -> None:
    """One row of Thành tích đạt được: the period's dates and what was done."""
    table = s.table("Thành tích đạt được")
    s.click(s.find("Thêm dòng", root=table.parentWidget()))  # its first cell is current
    s.type("01/01/2023")
    s.type("30/06/2023")
    s.type(text, then=None)  # the next click elsewhere ends the edit


def hamlet(s: Secretary) -> None:
    """A hamlet (a collective) on a full report (Mẫu 07)."""
    s.click("Tập thể")
    s.fill("Tên tập thể", HAMLET + ", xã Bạch Đằng")
    s.choose_typed("Loại tập thể", "Xóm, tổ dân phố", "X")
    s.fill_next("Địa chỉ", "Xóm Nà Mè, xã Bạch Đằng, huyện Hòa An, tỉnh Cao Bằng")
    s.key(TAB, what="Tab past Điện thoại")
    s.fill_next("Họ và tên thủ trưởng", "Đàm Văn Khải")
    s.key(TAB, what="Tab past Số cán bộ")
    s.fill_next("Chức năng, nhiệm vụ", "Cộng đồng dân cư tự quản gồm 86 hộ, 372 nhân khẩu.")
    s.tick("1. Chấp hành tốt chủ trương…")
    s.tick("2. Có thành tích tiêu biểu…")
    s.fill("Tỷ lệ mục tiêu, nhiệm vụ hoàn thành theo kế hoạch (%)", "100")
    s.fill_next("Tỷ lệ nhiệm vụ hoàn thành vượt chỉ tiêu, kế hoạch (%)", "25")
    s.tick("3. Tích cực tham gia xây dựng…")
    s.tick("4. Có công trình, phần việc…")
    achievement(s, "Làm 1,2 km đường bê tông liên xóm")
    s.shot("hamlet-done")


def council(s: Secretary) -> None:
    """7 members, the 7th away; chair, secretary, secret ballot; 6 votes for each."""
    s.shot("council-new")
    s.fill("Ngày họp Hội đồng", "27/06/2023")
    s.fill("Địa điểm họp", "Hội trường Ủy ban nhân dân xã Bạch Đằng")
    members = s.table("Thành viên Hội đồng")
    add = s.find("Thêm dòng", root=members.parentWidget())
    s.click(add)  # a new row, its first cell (the name) current
    for name in MEMBERS[:-1]:
        s.type(name, then=ENTER)  # Enter after a name: the next row
    s.type(MEMBERS[-1], then=None)
    s.check_cell(members, ABSENT, "Dự họp")
    if members.model().rowCount() != len(MEMBERS):
        raise Blocked(f"{members.model().rowCount()} member rows for {len(MEMBERS)} names")
    s.choose("Người chủ trì cuộc họp", MEMBERS[0])
    s.choose("Thư ký cuộc họp", MEMBERS[1])
    s.choose("Hình thức biểu quyết", "Bỏ phiếu kín")
    s.key(TAB, what="Tab into Kết quả biểu quyết")
    votes = s.table("Kết quả biểu quyết")
    if not votes.hasFocus() or votes.currentIndex().column() != s.column(votes, "Đồng ý"):
        s.block("Tab did not reach the first vote cell")
        s.cell(votes, 0, "Đồng ý")
    s.type("6", then=DOWN)
    s.type("6", then=ENTER)
    s.shot("council-done")


def proposal(s: Secretary) -> None:
    """Ký hiệu, date, Kính gửi and the signer (the place comes from the start page)."""
    s.shot("proposal-new")
    s.fill("Ký hiệu tờ trình", "TTr-UBND")
    s.fill_next("Ngày ký tờ trình", "28/06/2023")
    place = s.find("Địa danh ghi ngày tháng")
    if place.text():
        s.key(TAB, what="Tab past Địa danh (filled in)")
    else:
        s.block("the proposal's place is not taken from the unit")
        s.fill_next("Địa danh ghi ngày tháng", "Bạch Đằng")
    s.fill_next("Nơi nhận tờ trình (Kính gửi)", "Ủy ban nhân dân huyện Hòa An")
    for label, value in (("Chức vụ người ký", "Chủ tịch"), ("Họ và tên người ký", MEMBERS[0])):
        if not s.find(label).text():
            s.fill(label, value)
    s.shot("proposal-done")


def export(s: Secretary, folder: Path) -> None:
    page = s.page()
    field = s.find("Thư mục lưu gói hồ sơ")
    if Path(field.text()) != folder:  # the test's Documents folder is the default
        s.block(f"the export folder defaults to {field.text()!r}, not {folder}")
    s.click("Xuất gói hồ sơ")
    s.qtbot.waitUntil(lambda: page.result is not None or bool(page.error.text()),
                      timeout=30000)
    s.shot("exported")


def journey(s: Secretary, documents: Path) -> None:
    start_page(s)
    size_window(s.qtbot, s.window)
    s.go_step(2)
    household(s)
    hamlet(s)
    s.go_step(3)
    council(s)
    s.go_step(4)
    proposal(s)
    s.go_step(7)
    export(s, documents)


def test_two_nominee_dossier_by_hand(qtbot, launch, documents):
    controller = launch()
    start = controller.window
    size_window(qtbot, start)
    s = Secretary(qtbot, controller, Path(SHOTS) if SHOTS else None)
    s.strict = not os.environ.get("HOSO_JOURNEY_MEASURE")
    try:
        journey(s, documents)
    finally:
        if controller.session is not None and os.environ.get("HOSO_JOURNEY_MEASURE"):
            print("\n".join(f"ERROR {f.path}: {f.message_vi}" for f in controller.session.errors()))
        print("\n".join(s.log))
        print("\n".join(f"BLOCKED {b}" for b in s.blocked))
        print(f"journey actions: {s.actions}")
    page = s.page()
    assert page.result is not None, page.error.text()
    assert s.window.status_label.text() == "Không còn lỗi"
    from desktop.package import verify_package

    s.look()
    assert not s.cut, sorted(s.cut)  # at 1366×768 nothing the secretary met was cut
    report = verify_package(page.result.path)
    assert report.ok, report.problems
    assert page.result.path.parent == documents  # the user's Documents folder
    import zipfile

    with zipfile.ZipFile(page.result.path) as archive:
        names = archive.namelist()
    # the household's summary and the hamlet's Mẫu 07 report are in the package
    assert any("_TTTT_NongVanPao" in n and n.endswith(".pdf") for n in names), names
    assert any("_BCTT_XomNaMe" in n and n.endswith(".pdf") for n in names), names
    assert s.actions <= ACTION_TARGET


# ---------------------------------------------------------------------------- mistakes

DATE_MESSAGE = ("Đối tượng “Nông Văn Thuận”: thành tích thứ 1 nằm ngoài thời gian thi đua và "
                "tính xét khen thưởng (01/01/2023 - 30/06/2023).")
VOTE_MESSAGE = ("Đối tượng “Xóm Nà Mè, xã Bạch Đằng”: chỉ có 3 phiếu đồng ý, chưa đạt mức tối "
                "thiểu 5 phiếu")
SIGNER_MESSAGE = "Tờ trình: chưa nhập Họ và tên người ký."


def on_page(s: Secretary, message: str) -> None:
    """``message`` is shown, in red, on the page that is open."""
    shown = s.messages(s.page())
    if not any(message in text for text in shown):
        raise Blocked(f"step {s.step_index() + 1} does not show {message!r}; it shows {shown}")


def follow(s: Secretary, message: str) -> None:
    """On Kiểm tra, double-click the finding that starts with ``message`` (the page's hint:
    "Nhấp đúp hoặc nhấn Enter")."""
    s.go_step(5)
    s.settle(120)  # the findings are laid out (wrapped) for the tree's width
    tree = s.page().view
    model = tree.model()
    found = None
    for g in range(model.rowCount()):
        group = model.index(g, 0)
        for d in range(model.rowCount(group)):
            doc = model.index(d, 0, group)
            for r in range(model.rowCount(doc)):
                index = model.index(r, 0, doc)
                if str(index.data()).startswith(message):
                    found = index
    if found is None:
        raise Blocked(f"Kiểm tra does not list {message!r}")
    rect = tree.visualRect(found)
    if not tree.viewport().rect().contains(rect.center()):
        s.count("scroll the findings")
        tree.scrollTo(found)
        rect = tree.visualRect(found)
    s.double_click(tree.viewport(), rect.center(), what=f"double-click {message[:40]!r}")
    s.settle(50)


def test_common_mistakes_show_on_their_page_and_lead_back(qtbot, launch, demo_store):
    controller = launch()
    size_window(qtbot, controller.window)
    s = Secretary(qtbot, controller)
    window = s.window

    # 1. last year's dates copied into the household's first achievement
    s.go_step(2)
    page = s.page()
    table = page.view
    s.cell(table, 1, "Tên")  # the household, second in the list
    achievements = s.table("Thành tích đạt được")
    s.cell(achievements, 0, "Từ ngày")
    s.type("10/01/2022")
    s.type("15/06/2022", then=Qt.Key.Key_Return)
    on_page(s, DATE_MESSAGE)

    # 2. a vote below the threshold (3 of 7 present)
    s.go_step(3)
    votes = s.table("Kết quả biểu quyết")
    s.cell(votes, 0, "Đồng ý")
    s.type("3")
    s.type("4", then=Qt.Key.Key_Return)
    on_page(s, VOTE_MESSAGE)

    # 3. a required field emptied
    s.go_step(4)
    signer = s.find("Họ và tên người ký")
    s.click(signer)
    s.key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    s.key(Qt.Key.Key_Delete)
    s.key(Qt.Key.Key_Tab)
    on_page(s, SIGNER_MESSAGE)
    assert "Còn 3 lỗi" in window.status_label.text()

    # each message leads back to its field
    follow(s, DATE_MESSAGE)
    assert s.step_index() == 1
    form = s.page().current_form
    assert form is not None and form.kind == "household"
    achievements = s.table("Thành tích đạt được")
    current = achievements.currentIndex()
    assert (current.row(), current.column()) == (0, s.column(achievements, "Từ ngày"))
    assert achievements.hasFocus() or achievements.isAncestorOf(QApplication.focusWidget())
    assert s.visible_rect(achievements.viewport()).contains(
        achievements.visualRect(current).center())

    follow(s, VOTE_MESSAGE[:60])
    assert s.step_index() == 2
    votes = s.table("Kết quả biểu quyết")
    current = votes.currentIndex()
    assert (current.row(), current.column()) == (0, s.column(votes, "Đồng ý"))
    assert votes.hasFocus()
    assert s.visible_rect(votes.viewport()).contains(votes.visualRect(current).center())

    follow(s, SIGNER_MESSAGE)
    assert s.step_index() == 3
    signer = s.find("Họ và tên người ký")
    assert signer.hasFocus() and s.shown(signer)
    print(f"mistakes journey actions: {s.actions}")
