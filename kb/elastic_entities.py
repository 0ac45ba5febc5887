"""Cross-document park entities of the cluster store.

The embedded store keeps `park_entities` and `park_names` tables; here they
are one small index (`<prefix>-entities`, one document per entity with its
name keys), loaded into a `ParkEntities` at the start of each write batch,
changed in memory with the same rules (:mod:`kb.entities`, mirrored from
``SQLiteStore._resolve_park`` / ``_refresh_entity``) and written back in the
batch's bulk request. One writer at a time is assumed, as with any batch
ingest into the same index.
"""
from __future__ import annotations

from typing import Any, Iterable

from kb import entities
from kb.records import park_key


class ParkEntities:
    def __init__(self, docs: Iterable[dict[str, Any]] = ()) -> None:
        self.entities: dict[str, dict[str, str]] = {}
        self.names: dict[str, tuple[str, str, int]] = {}     # key -> (park_id, name, seq)
        self.seq = 0
        for d in docs:
            self.entities[d["park_id"]] = {"name": d["name"], "province": d.get("province") or "",
                                           "city": d.get("city") or ""}
            for n in d.get("names") or []:
                self.names[n["key"]] = (d["park_id"], n["name"], int(n["seq"]))
                self.seq = max(self.seq, int(n["seq"]))
        self.touched: set[str] = set()          # entities to write back
        self.removed: set[str] = set()          # entities to delete
        self.merged: dict[str, str] = {}        # src -> dst, this batch

    # reading ---------------------------------------------------------------
    def exists(self, pid: str) -> bool:
        return pid in self.entities

    def park_id(self, name: str | None) -> str | None:
        """As ``SQLiteStore._park_id``: an entity id, the owner of a name, else the key."""
        if not name:
            return None
        if name in self.entities:
            return name
        owner = self.names.get(park_key(name))
        return owner[0] if owner else park_key(name)

    def final(self, pid: str | None) -> str | None:
        """The entity `pid` ended up in after this batch's merges."""
        seen = set()
        while pid in self.merged and pid not in seen:
            seen.add(pid)
            pid = self.merged[pid]
        return pid

    def sources_of(self, pid: str) -> list[str]:
        """`pid` plus every entity merged into it in this batch."""
        return [pid] + [src for src in self.merged if self.final(src) == pid]

    def names_of(self, pid: str) -> list[str]:
        return [n for _k, (p, n, _s) in sorted(self.names.items(), key=lambda kv: kv[1][2]) if p == pid]

    # writing ---------------------------------------------------------------
    def _add_names(self, pid: str, names: Iterable[str]) -> None:
        for name in names:
            key = park_key(name)
            if key and key not in self.names:          # INSERT OR IGNORE
                self.seq += 1
                self.names[key] = (pid, name, self.seq)

    def resolve(self, item: dict[str, Any], names: list[str]) -> tuple[str, list[str]]:
        """Entity of a record's park; returns (park_id, entities merged into it)."""
        owner = {park_key(n): self.names[park_key(n)][0] for n in names if park_key(n) in self.names}
        pid, merges = entities.resolve(names, owner, self.exists)
        province, city = item.get("province") or "", item.get("city") or ""
        if pid not in self.entities:
            self.entities[pid] = {"name": names[0], "province": province, "city": city}
        else:
            e = self.entities[pid]
            e["province"] = e["province"] or province
            e["city"] = e["city"] or city
        self.touched.add(pid)
        for other in merges:
            self.merge(other, pid)
        self._add_names(pid, names)
        return pid, merges

    def merge(self, src: str, dst: str) -> None:
        for key, (pid, name, seq) in list(self.names.items()):
            if pid == src:
                self.names[key] = (dst, name, seq)
        self.entities.pop(src, None)
        self.touched.discard(src)
        self.removed.add(src)
        self.removed.discard(dst)
        self.merged[src] = dst
        self.touched.add(dst)

    def refresh(self, pid: str, rows: list[tuple[str, list[str]]]) -> None:
        """Names of `pid` rebuilt from its remaining park rows (name, aliases) in row order."""
        for key in [k for k, (p, _n, _s) in self.names.items() if p == pid]:
            del self.names[key]
        if not rows:
            self.entities.pop(pid, None)
            self.touched.discard(pid)
            self.removed.add(pid)
            return
        self._add_names(pid, [name for name, _aliases in rows])
        self._add_names(pid, [a for _name, aliases in rows for a in aliases])
        self.touched.add(pid)

    def document(self, pid: str) -> dict[str, Any]:
        e = self.entities[pid]
        own = sorted(((k, n, s) for k, (p, n, s) in self.names.items() if p == pid), key=lambda t: t[2])
        return {"park_id": pid, "name": e["name"], "province": e["province"], "city": e["city"],
                "keys": [k for k, _n, _s in own], "names": [{"key": k, "name": n, "seq": q} for k, n, q in own]}

    def actions(self, alias: str) -> list[dict[str, Any]]:
        out = [{"_op_type": "delete", "_index": alias, "_id": pid} for pid in sorted(self.removed)
               if pid not in self.entities]
        out += [{"_op_type": "index", "_index": alias, "_id": pid, "_source": self.document(pid)}
                for pid in sorted(self.touched) if pid in self.entities]
        return out

    def clear_changes(self) -> None:
        self.touched.clear()
        self.removed.clear()
        self.merged.clear()
