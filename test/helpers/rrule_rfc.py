# python-dateutil's rrule with its three contradictions of RFC 5545 corrected, the reference our expander is
# tested against (CONTRACT §14). Everything else stays dateutil's. Call install() once per process, before
# rrulestr(): it patches rrule.__init__ and rrule._iter in place and rebinds the module-level _iterinfo,
# which rrule._iter looks up at run time.
#
# (1) BYDAY mixing plain and ordinal weekdays (MONTHLY;BYDAY=1MO,FR) is a union: dateutil filters a day by
#     both lists (an intersection, usually empty). Here the plain weekdays leave the filter and are marked in
#     the ordinal mask instead, so a day passes when either part selects it.
# (2) BYWEEKNO: the days of January before week 1 belong to the previous year's last week, whose number is that
#     year's week count; dateutil computes it from the current year's length (dateutil PR #1537).
# (3) WEEKLY with BYSETPOS: positions count within the whole week starting on WKST, dates before DTSTART then
#     dropped; dateutil counts them from DTSTART (dateutil issue #1398). Done by expanding from the WKST on or
#     before DTSTART (with DTSTART's weekday made explicit when it is the default) and applying DTSTART and
#     COUNT afterwards.
import datetime
from dateutil import rrule as _rr

_dateutil_iterinfo = _rr._iterinfo


def _week_count(year, wkst):
    """Weeks of `year` (52 or 53), computed as dateutil does for the current year."""
    yearweekday = datetime.date(year, 1, 1).weekday()
    yearlen = 366 if (year % 4 == 0 and year % 100 != 0) or year % 400 == 0 else 365
    no1wkst = (7 - yearweekday + wkst) % 7
    if no1wkst >= 4:
        wyearlen = yearlen + (yearweekday - wkst) % 7
    else:
        wyearlen = yearlen - no1wkst
    div, mod = divmod(wyearlen, 7)
    return div + mod // 4


class RfcIterinfo(_dateutil_iterinfo):
    def rebuild(self, year, month):
        rr = self.rrule
        new_year = year != self.lastyear
        new_month = new_year or month != self.lastmonth
        super().rebuild(year, month)
        # (2) Redo the marking of the days before week 1 with the previous year's true week count.
        if new_year and rr._byweekno:
            no1wkst = (7 - self.yearweekday + rr._wkst) % 7
            if 0 < no1wkst < 4 and -1 not in rr._byweekno:
                mark = 1 if _week_count(year - 1, rr._wkst) in rr._byweekno else 0
                for i in range(no1wkst):
                    self.wnomask[i] = mark
        # (1) Plain weekdays join the ordinal mask.
        plain = getattr(rr, '_rfc_plain_weekdays', None)
        if plain and new_month and self.nwdaymask is not None:
            for i in range(self.yearlen):
                if self.wdaymask[i] in plain:
                    self.nwdaymask[i] = 1


def _rfc_init(self, freq, *args, **kwargs):
    _dateutil_init(self, freq, *args, **kwargs)
    self._rfc_plain_weekdays = None
    if self._byweekday and self._bynweekday:
        # (1) dateutil's _iter filters by _byweekday and by the ordinal mask; keep only the mask.
        self._rfc_plain_weekdays = self._byweekday
        self._byweekday = None


def _rfc_iter(self):
    shift = (self._dtstart.weekday() - self._wkst) % 7
    if self._freq != _rr.WEEKLY or not self._bysetpos or shift == 0:
        yield from _dateutil_iter(self)
        return
    # (3) Expand from the start of DTSTART's week.
    extra = {}
    if (self._original_rule.get('byweekday') is None and not self._byweekno and not self._byyearday
            and not self._bymonthday and not self._bynmonthday):
        extra['byweekday'] = self._dtstart.weekday()  # the default dateutil derives from DTSTART
    inner = self.replace(dtstart=self._dtstart - datetime.timedelta(days=shift), count=None, **extra)
    left = self._count
    for res in inner:
        if res < self._dtstart:
            continue
        if left is not None:
            if left <= 0:
                return
            left -= 1
        yield res


_dateutil_init = _rr.rrule.__init__
_dateutil_iter = _rr.rrule._iter


def install():
    # dateutil's own code calls super(rrule, self) and _iterinfo(self) by module-level name, so the rrule class
    # is patched in place (a subclass bound to the name would recurse) and _iterinfo is rebound.
    _rr.rrule.__init__ = _rfc_init
    _rr.rrule._iter = _rfc_iter
    _rr._iterinfo = RfcIterinfo
