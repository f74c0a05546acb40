"""Weights: the engine's weight sums (each declared level, each department goal's part, and
execution plus all indicators against 100), reported where the document printed them."""

from __future__ import annotations

from ...engine.weights import ALL
from ...findings import make
from ..context import AuditContext
from ..registry import check
from ._util import num


@check("weights", "weights-mismatch")
def weights(context: AuditContext):
    for table in context.tables:
        rows = {row.index: row for row in table.rows}
        sums = context.result(table).weights
        printed = table.total_weight
        everything = next((found for found in sums if found.key == ALL), None)
        if printed is not None and printed.value is not None and everything is not None \
                and printed.value != everything.actual and printed.value != everything.expected and not table.cut:
            # The total row prints the weights' sum (合计 100): it must be their sum. A printed 100
            # over weights adding up to 110 is right; the weights are the 全表 finding below.
            yield make("weights-mismatch", project=table.project, location=printed.location, where="总分行",
                       reported=printed.text, expected=num(everything.actual),
                       derivation=f"预算执行{num(everything.execution)}分+各指标分值"
                                  f"{num(everything.actual - everything.execution)}分={num(everything.actual)}分")
        last = max(rows, default=None)
        for found in sums:
            if found.agrees:
                continue
            if table.cut and (found.key == ALL or not found.members or last in found.members):
                continue  # the rows after the cut are missing: this sum cannot be known
            if found.key == ALL:
                where = table.total_weight or table.total
                if where is None:
                    continue
                yield make("weights-mismatch", project=table.project, location=where.location,
                           reported=num(found.actual), expected=num(found.expected), where="全表",
                           derivation=f"预算执行{num(found.execution)}分+各指标分值"
                                      f"{num(found.actual - found.execution)}分={num(found.actual)}分，总分应为100分")
            elif found.members and found.members[0] in rows:
                where = dict(table.declared_at).get(found.key) or rows[found.members[0]].location
                yield make("weights-mismatch", project=table.project, location=where,
                           reported=num(found.actual), expected=num(found.expected), where=found.key,
                           derivation=f"{found.key}声明{num(found.expected)}分，其下{len(found.members)}项指标"
                                      f"分值合计{num(found.actual)}分")
