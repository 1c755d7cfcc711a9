import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { bearer } from './fixtures';
import { TestApp } from './test-app';

/** Asks for an export and waits (up to 30 s) until it is done or failed; returns its status body. */
export async function exportAndWait(t: TestApp, token: string, body: Record<string, unknown>): Promise<any> {
  const res = await t.http().post('/api/v1/exports').set(bearer(token)).send(body);
  if (res.status !== 202) throw new Error(`export: ${res.status} ${JSON.stringify(res.body)}`);
  return waitForExport(t, token, res.body.id);
}

export async function waitForExport(t: TestApp, token: string, id: string): Promise<any> {
  for (let i = 0; i < 300; i++) {
    const status = (await t.http().get(`/api/v1/exports/${id}`).set(bearer(token)).expect(200)).body;
    if (status.status === 'done' || status.status === 'failed') return status;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`export ${id} did not finish in 30 s`);
}

/** Downloads an export's file and reads it back into rows (the header row first). */
export async function downloadRows(t: TestApp, token: string, id: string) {
  const res = await t
    .http()
    .get(`/api/v1/exports/${id}/file`)
    .set(bearer(token))
    .buffer(true)
    .parse((response, callback) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => callback(null, Buffer.concat(chunks)));
    })
    .expect(200);
  const body = res.body as Buffer;
  let rows: unknown[][];
  if (String(res.headers['content-type']).startsWith('text/csv')) {
    rows = parse(body, { bom: true }) as string[][];
  } else {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
    rows = [];
    workbook.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  }
  return { rows, headers: res.headers, body };
}
