import { stringify } from 'csv-stringify';
import type * as ExcelJS from 'exceljs';
import { Readable, Writable } from 'node:stream';
import { EventEmitter, once } from 'node:events';
import { DataSource } from 'typeorm';
import { ExportFormat } from './export.entity';

// exceljs takes some 25 MB of memory once loaded, and only spreadsheets need it: it is loaded at the
// first one (require keeps it afterwards), not with every process.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const excel = (): typeof ExcelJS => require('exceljs');

/** Files are kept in the database in pieces of this size (see the Exports migration). */
export const CHUNK_BYTES = 1 << 20;

/**
 * Writes a file into export_chunks as it is produced, one INSERT per megabyte; the stream's
 * back-pressure holds the producer while a piece is being stored, so memory stays flat.
 * What comes in (a few hundred bytes a row) is copied into one buffer of a piece's size, kept for the
 * whole file: holding on to the small buffers until a megabyte had gathered kept them alive long
 * enough to reach V8's old generation, where tens of megabytes of them waited for a full GC.
 */
export class ChunkSink extends Writable {
  private readonly piece = Buffer.allocUnsafe(CHUNK_BYTES);
  private filled = 0;
  private seq = 0;
  bytes = 0;

  constructor(
    private readonly db: DataSource,
    private readonly exportId: string,
  ) {
    super({ highWaterMark: 256 * 1024 });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.bytes += chunk.length;
    let offset = 0;
    const copyRest = (): void => {
      while (offset < chunk.length) {
        const copied = chunk.copy(this.piece, this.filled, offset);
        this.filled += copied;
        offset += copied;
        if (this.filled === CHUNK_BYTES) {
          this.flushPiece().then(copyRest, callback);
          return;
        }
      }
      callback();
    };
    copyRest();
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.flushPiece().then(() => callback(), callback);
  }

  /** Stores what the piece holds; the piece is written into again only once the INSERT has finished. */
  private async flushPiece(): Promise<void> {
    if (this.filled === 0) return;
    const data = this.piece.subarray(0, this.filled);
    await this.db.query(`INSERT INTO export_chunks (export_id, seq, data) VALUES ($1, $2, $3)`, [this.exportId, this.seq++, data]);
    this.filled = 0;
  }
}

/** Reads a stored file back piece by piece, for the download. */
export function chunkReader(db: DataSource, exportId: string): Readable {
  let seq = 0;
  return new Readable({
    async read() {
      try {
        const [row]: { data: Buffer }[] = await db.query(`SELECT data FROM export_chunks WHERE export_id = $1 AND seq = $2`, [
          exportId,
          seq++,
        ]);
        this.push(row ? row.data : null);
      } catch (err) {
        this.destroy(err as Error);
      }
    },
  });
}

export type CellValue = string | number | boolean | null;

/** A spreadsheet being written row by row to a stream: CSV (UTF-8 with BOM, for Excel) or XLSX. */
export interface SheetWriter {
  /** Resolves when the output can take more (back-pressure). */
  addRow(values: CellValue[]): Promise<void>;
  finish(): Promise<void>;
}

export function sheetWriter(format: ExportFormat, out: Writable, sheetName: string, headers: string[]): SheetWriter {
  return format === ExportFormat.Csv ? csvWriter(out, headers) : xlsxWriter(out, sheetName, headers);
}

function csvWriter(out: Writable, headers: string[]): SheetWriter {
  // A byte order mark lets Excel read Vietnamese letters in a UTF-8 CSV.
  const csv = stringify({ bom: true, header: true, columns: headers, cast: { boolean: (v) => (v ? 'true' : 'false') } });
  csv.pipe(out);
  const done = once(out, 'finish');
  return {
    async addRow(values) {
      if (!csv.write(values)) await once(csv, 'drain');
    },
    async finish() {
      csv.end();
      await done;
    },
  };
}

function xlsxWriter(out: Writable, sheetName: string, headers: string[]): SheetWriter {
  // Streaming writer: committed rows go straight to the zip stream; no shared strings table to keep.
  const workbook = new (excel().stream.xlsx.WorkbookWriter)({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  const header = sheet.addRow(headers);
  header.font = { bold: true };
  header.commit();
  const done = once(out, 'finish');
  return {
    async addRow(values) {
      sheet.addRow(values).commit();
      // A committed row goes on into the zip without waiting for it: wait here while the zip is behind,
      // or the uncompressed sheet piles up in memory (40-80 MB for 200,000 stays).
      const backlog = sheetBacklog(sheet);
      if (backlog) await once(backlog, 'drain');
      if (out.writableNeedDrain) await once(out, 'drain');
    },
    async finish() {
      sheet.commit();
      await workbook.commit();
      await done;
    },
  };
}

/**
 * The stream that takes a streaming worksheet into the zip, if it is behind. exceljs does not expose it:
 * the sheet's `stream` (a buffer that hands on 64 kB at a time without heeding back-pressure) has it as
 * its only pipe, a PassThrough of the zip library's own stream implementation (so neither an instance of
 * Node's Writable nor sure to have `writableNeedDrain`). Undefined when it is not behind, or if exceljs
 * changes.
 */
function sheetBacklog(sheet: ExcelJS.Worksheet): EventEmitter | undefined {
  type Entry = EventEmitter & { writableNeedDrain?: boolean; _writableState?: { needDrain?: boolean } };
  const entry = (sheet as unknown as { stream?: { pipes?: Entry[] } }).stream?.pipes?.[0];
  if (!entry || typeof entry.once !== 'function') return undefined;
  return (entry.writableNeedDrain ?? entry._writableState?.needDrain) ? entry : undefined;
}
