// Reduced from andresusanto/easydl src/index.ts at d958fab (MIT).
import * as fs from "fs";
import { EventEmitter } from "events";

class EasyDl extends EventEmitter {
  private _destroyed = false;
  private _done = false;
  private _totalChunks = 0;
  savedFilePath?: string;

  destroy() {
    this._destroyed = true;
  }

  private async _buildFile() {
    if (this._destroyed) return;
    try {
      this.emit("build", {percentage: 0});
      const dest = fs.createWriteStream(<string>this.savedFilePath);
      for (let i = 0; i < this._totalChunks; i += 1) {
        const fileName = `${this.savedFilePath}.$$${i}`;
        const source = fs.createReadStream(fileName);
        await new Promise((res, rej) => {
          source.pipe(dest, {end: false});
          source.on("error", rej);
          dest.on("error", rej);
          source.on("end", res);
        });
        source.close();
        this.emit("build", {
          percentage: 100 * (i / this._totalChunks),
        });
      }
      for (let i = 0; i < this._totalChunks; i += 1) {
        const fileName = `${this.savedFilePath}.$$${i}`;
        await new Promise((res) => fs.unlink(fileName, res));
      }
      dest.close();
      this._done = true;
      this.emit("end");
      this.destroy();
    } catch (err) {
      this.emit("error", err);
      this.destroy();
    }
  }
}

export default EasyDl;
