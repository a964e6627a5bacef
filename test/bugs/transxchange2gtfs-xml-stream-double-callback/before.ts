// Reduced from planarnetwork/transxchange2gtfs src/xml/XMLStream.ts before 52cb1b1 (GPL-3.0).
import {Transform, TransformCallback} from "stream";

/**
 * Converts an xml string into a JSON object
 */
export class XMLStream extends Transform {

  constructor(private readonly parseXML: ParseXML) {
    super({ objectMode: true });
  }

  /**
   * Transform the XML using the parseXML method
   */
  public async _transform(xml: string, encoding: string, callback: TransformCallback): Promise<void> {
    try {
      const json = await this.parseXML(xml);

      callback(undefined, json);
    } catch (err) {
      callback(err);
    }
  }

}

export type ParseXML = (xml: string) => Promise<any>;
