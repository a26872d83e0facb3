import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { createPamTarget } from "../scripts/lib/pam-target";
import { E2E_DATABASE_URL_FILE } from "../scripts/lib/state-dir";
import { colleagueWithProjectRole, createProject, signUpWithOrg } from "./support/flows";

// An admin adds a database, an account and a one-approver policy; a member asks; a second
// admin approves; the member sees the connection details once and connects for real; the
// first admin revokes, and the member's request says so.
test("a PAM project: request, approval by another admin, credentials once, a real connection, revoke", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const { target, drop } = await createPamTarget(readFileSync(E2E_DATABASE_URL_FILE, "utf8").trim());
  try {
    const { slug: orgSlug } = await signUpWithOrg(page, "PAM Org");
    const projectSlug = await createProject(page, orgSlug, "Prod databases", "PAM");
    const project = `/orgs/${orgSlug}/projects/${projectSlug}`;

    await page.goto(`${project}/resources`);
    await expect(page.getByText("No databases yet.")).toBeVisible();
    // With nothing added yet, the broker's setup SQL is open on the page, with a copy button.
    await expect(page.getByLabel("Broker setup SQL", { exact: true })).toContainText("GRANT pg_signal_backend TO tessera_broker;");
    await expect(page.getByRole("button", { name: "Copy the broker setup SQL" })).toBeVisible();
    await page.getByRole("button", { name: "Add database" }).click();
    const add = page.getByRole("dialog", { name: "Add a PostgreSQL database" });
    await add.getByLabel("Name", { exact: true }).fill("Orders DB");
    await add.getByLabel("Host").fill(target.host);
    await add.getByLabel("Port").fill(String(target.port));
    await add.getByLabel("Database").fill(target.database);
    await add.getByLabel("TLS").selectOption("DISABLE");
    await add.getByLabel("Broker user").fill(target.brokerUser);
    await add.getByLabel("Broker password").fill("not the password");
    await add.getByRole("button", { name: "Check and add" }).click();
    // Refused at the field, and nothing typed is lost.
    await expect(add.getByText("The broker's user name or password is wrong.")).toBeVisible();
    await expect(add.getByLabel("Name", { exact: true })).toHaveValue("Orders DB");
    await add.getByLabel("Broker password").fill(target.brokerPassword);
    await add.getByRole("button", { name: "Check and add" }).click();
    await expect(add).toBeHidden();
    await expect(page.getByRole("row", { name: /Orders DB/ }).getByText("Working")).toBeVisible();
    // Edited: a wrong port is refused at its field and the saved address stays.
    await page.getByRole("button", { name: "Edit Orders DB" }).click();
    const editResource = page.getByRole("dialog", { name: "Edit Orders DB" });
    await expect(editResource.getByLabel("Host")).toHaveValue(target.host);
    await editResource.getByLabel("Port").fill("1");
    await editResource.getByRole("button", { name: "Check and save" }).click();
    await expect(editResource.getByText("Nothing answers at that host and port.")).toBeVisible();
    await editResource.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByRole("row", { name: /Orders DB/ })).toContainText(`${target.host}:${target.port}/${target.database}`);

    await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Accounts" }).click();
    await page.getByRole("button", { name: "Add account" }).click();
    const account = page.getByRole("dialog", { name: "Add an account" });
    await account.getByLabel("Role on the database").fill(target.readonlyRole);
    await account.getByLabel("Folder").fill("/orders");
    await account.getByRole("button", { name: "Check and add" }).click();
    await expect(account).toBeHidden();
    await expect(page.getByRole("cell", { name: target.readonlyRole, exact: true })).toBeVisible();

    await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Access policies" }).click();
    await page.getByRole("button", { name: "Create policy" }).click();
    const policy = page.getByRole("dialog", { name: "Create an access policy" });
    await policy.getByLabel("Name", { exact: true }).fill("One admin approves");
    await expect(policy.getByLabel("Holders of this role approve")).toHaveValue("admin");
    await expect(policy.getByText("Covers: Every account on every database.")).toBeVisible();
    // Two approvals where only one person (this admin) could approve: refused at that field, which takes the focus.
    await policy.getByLabel("Approvals needed").fill("2");
    await policy.getByRole("button", { name: "Create policy" }).click();
    await expect(policy.getByText(/need 2 approvals, but only 1 of the approvers you named can approve there/)).toBeVisible();
    await expect(policy.getByLabel("Approvals needed")).toBeFocused();
    await policy.getByLabel("Approvals needed").fill("1");
    await policy.getByRole("button", { name: "Create policy" }).click();
    await expect(policy).toBeHidden();
    await expect(page.getByRole("cell", { name: "One admin approves", exact: true })).toBeVisible();
    await expect(page.getByRole("row", { name: /One admin approves/ })).toContainText("Every account on every database1 account today");

    const member = await colleagueWithProjectRole(browser, page, { orgSlug, projectSlug, roleName: "Member" });
    const approver = await colleagueWithProjectRole(browser, page, { orgSlug, projectSlug, roleName: "Admin" });

    await member.colleague.goto(`${project}/accounts`);
    await member.colleague.getByRole("button", { name: `Request access to ${target.readonlyRole} on Orders DB` }).click();
    const ask = member.colleague.getByRole("dialog", { name: `Request ${target.readonlyRole}` });
    await ask.getByLabel("For how long (minutes)").fill("30");
    await ask.getByLabel("Why (required)").fill("Checking the order totals of last night");
    await ask.getByRole("button", { name: "Send request" }).click();
    await expect(member.colleague.getByText("Waiting for approval")).toBeVisible();
    await expect(member.colleague.getByText("Another approver must decide")).toBeVisible();
    const requestUrl = member.colleague.url();

    // The second admin sees it waiting for them (a count on the navigation) and approves.
    await approver.colleague.goto(`${project}/access-requests`);
    await expect(
      approver.colleague.getByRole("navigation", { name: "Project" }).getByRole("link", { name: /^Access requests\s*1 request waits for you$/ }),
    ).toBeVisible();
    await approver.colleague.getByRole("link", { name: target.readonlyRole }).click();
    await approver.colleague.getByLabel("Comment (optional)").fill("Go ahead");
    await approver.colleague.getByRole("button", { name: "Approve" }).click();
    await expect(approver.colleague.getByText("Active", { exact: true })).toBeVisible();
    await expect(approver.colleague.getByText("Go ahead")).toBeVisible();

    // The member sees the connection details once, and they work.
    await member.colleague.reload();
    await member.colleague.getByRole("button", { name: "Show connection details" }).click();
    const url = await member.colleague.getByLabel("Connection URL").inputValue();
    await expect(member.colleague.getByLabel("psql command")).toHaveValue(/^PGPASSWORD=.* psql /);
    const connection = new pg.Client({ connectionString: url });
    await connection.connect();
    expect((await connection.query("SELECT note FROM allowed_table")).rows).toEqual([{ note: "readable through PAM" }]);
    await connection.end();
    await member.colleague.reload();
    await expect(member.colleague.getByText(/were shown once .* and are not kept/)).toBeVisible();
    await expect(member.colleague.getByRole("button", { name: "Show connection details" })).toHaveCount(0);
    expect(await member.colleague.content()).not.toContain(url.split(":")[2]!.split("@")[0]!);

    // An Admin who asks for access cannot approve it, though they hold the approver role: the
    // page offers no decision and says why.
    await page.goto(`${project}/accounts`);
    await page.getByRole("button", { name: `Request access to ${target.readonlyRole} on Orders DB` }).click();
    const own = page.getByRole("dialog", { name: `Request ${target.readonlyRole}` });
    await own.getByLabel("Why (required)").fill("Reading the orders myself");
    await own.getByRole("button", { name: "Send request" }).click();
    await expect(page.getByText("Another approver must decide")).toBeVisible();
    await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(0);
    await page.getByRole("button", { name: "Cancel request" }).click();
    await page.getByRole("alertdialog", { name: "Cancel this request?" }).getByRole("button", { name: "Cancel request" }).click();
    await expect(page.getByText("Cancelled", { exact: true })).toBeVisible();

    // The first admin revokes the member's grant from the sessions page.
    await page.goto(`${project}/sessions`);
    await page.getByRole("button", { name: /^Revoke tessera_[0-9a-f]+ now$/ }).click();
    await page
      .getByRole("alertdialog", { name: /^Revoke tessera_/ })
      .getByRole("button", { name: "Revoke now" })
      .click();
    await expect(page.getByText("Nobody holds access right now.")).toBeVisible();
    await expect(page.getByRole("cell", { name: /^Revoked/ })).toBeVisible();
    await member.colleague.goto(requestUrl);
    await expect(member.colleague.getByText("Revoked", { exact: true })).toBeVisible();

    // The policy is edited: the second admin is named by searching for their email.
    await page.goto(`${project}/access-policies`);
    await page.getByRole("button", { name: "Edit policy One admin approves" }).click();
    const edit = page.getByRole("dialog", { name: "Edit One admin approves" });
    const approvers = edit.getByRole("combobox", { name: "And these people approve" });
    await approvers.fill(approver.email);
    await expect(edit.getByRole("listbox", { name: "And these people approve: matches" }).getByRole("option")).toHaveCount(1);
    await approvers.press("Enter");
    await expect(edit.getByRole("list", { name: "And these people approve: chosen" })).toContainText("Colleague");
    await edit.getByLabel("Accounts (role pattern)").fill("app_*");
    await expect(edit.getByText("Covers: Accounts like app_* on every database.")).toBeVisible();
    await edit.getByRole("button", { name: "Save policy" }).click();
    await expect(edit).toBeHidden();
    await expect(page.getByRole("row", { name: /One admin approves/ })).toContainText("Holders of Admin, Colleague");
    await member.context.close();
    await approver.context.close();
  } finally {
    await drop();
  }
});
