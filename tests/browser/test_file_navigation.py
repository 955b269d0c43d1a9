"""Opened from file:// (a built or downloaded site, no server), every link into the site leads
to a page, not a folder listing: a browser serves no index.html for "about/" there, so with
JavaScript on the site points its folder links at their index.html (assets/site.js). Over
http(s) the links stay as written. (A publishing review found every link of the starter site
opening "Index of ...".)"""

from __future__ import annotations


def test_every_link_from_file_leads_to_a_page(browser, sites):
    site = sites["example"]
    context = browser.new_context()
    page = context.new_page()
    seen, todo, listings, folders = set(), [(site / "index.html").as_uri()], [], []
    while todo:
        url = todo.pop()
        if url in seen or "/embed/" in url:  # the embed page is for other sites' frames, served over http(s)
            continue
        seen.add(url)
        page.goto(url, wait_until="load")
        if page.title().startswith("Index of"):
            listings.append(url)
            continue
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
            href = href.split("#")[0].split("?")[0]
            if href.startswith(site.as_uri()) and href.endswith("/"):
                folders.append((url, href))
            elif href.startswith(site.as_uri()) and href.endswith(".html"):
                todo.append(href)
    assert len(seen) > 20 and listings == [] and folders == []
    page.goto((site / "index.html").as_uri(), wait_until="load")
    page.click("header nav a[href*='about']")
    page.wait_for_load_state("load")
    assert page.url.endswith("/about/index.html") and not page.title().startswith("Index of")
    assert page.locator("header nav a").first.get_attribute("href") == "../index.html"  # relative still
    context.close()
