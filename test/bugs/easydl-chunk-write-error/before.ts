// Reduced from andresusanto/easydl src/index.ts before d958fab (MIT).
import * as fs from "fs";
import { EventEmitter } from "events";

import Request from "./request";

class EasyDl extends EventEmitter {
  private _destroyed = false;
  private _reqs: Request[] = [];
  finalAddress = "";
  savedFilePath?: string;

  private async _download(id: number, range?: [number, number]) {
    this._reqs[id] = new Request(this.finalAddress, {});
    const fileName = `${this.savedFilePath}.$$${id}$PART`;
    let error: Error | null = null;

    await this._reqs[id]
      .once("ready", ({ statusCode }) => {
        if (statusCode !== 206 && statusCode !== 200) {
          error = new Error(
            `Got HTTP Status code ${statusCode} when downloading chunk ${id}`
          );
          this._reqs[id].destroy();
          return;
        }
      })
      .on("error", (err) => {
        if (this._destroyed) return;
        this.emit("error", err);
      })
      .pipe(fs.createWriteStream(fileName))
      .wait();

    if (this._destroyed) return;
    if (error) this.emit("error", error);
  }
}

export default EasyDl;
