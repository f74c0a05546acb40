"""Two people editing the same project at once: one save wins, the other is told, nothing is lost."""

import threading

from jixiao.store import models as m


def test_simultaneous_saves_from_the_same_version_never_overwrite_each_other(app, client, world):
    people = [client("staff"), client("admin"), client("staff"), client("admin")]
    subscriptions = world["ours_indicators"][1]
    statuses: list[int] = []
    barrier = threading.Barrier(len(people))

    def save(person, value):
        barrier.wait()
        response = person.post(f"/projects/{world['ours']}/save", {"version": "1", f"actual-{subscriptions}": value})
        statuses.append(response.status_code)

    threads = [threading.Thread(target=save, args=(p, f"{100 + i}份")) for i, p in enumerate(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [302, 409, 409, 409]
    with app.extensions["jixiao.store"].session() as session:
        project = session.get(m.Project, world["ours"])
        assert project.version == 2
        assert len(project.history) == 1
        assert project.indicators[1].actual == project.history[0].new


def test_two_sessions_editing_different_fields_in_turn_keep_both_changes(app, client, world):
    first, second = client("staff"), client("admin")
    subscriptions, rented = world["ours_indicators"][1], world["ours_indicators"][8]
    assert first.post(f"/projects/{world['ours']}/save", {"version": "1", f"actual-{subscriptions}": "95份"}).status_code == 302
    assert second.post(f"/projects/{world['ours']}/save", {"version": "1", f"actual-{rented}": "85%"}).status_code == 409
    # The second person reloads (version 2) and saves again: both changes are kept.
    assert 'name="version" value="2"' in second.text(f"/projects/{world['ours']}")
    assert second.post(f"/projects/{world['ours']}/save", {"version": "2", f"actual-{rented}": "85%"}).status_code == 302
    with app.extensions["jixiao.store"].session() as session:
        project = session.get(m.Project, world["ours"])
        assert (project.indicators[1].actual, project.indicators[8].actual, project.version) == ("95份", "85%", 3)
