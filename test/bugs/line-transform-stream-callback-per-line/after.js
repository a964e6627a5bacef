// Reduced from bitfasching/node-line-transform-stream line-transform-stream.js at 6fbe779 (MIT).
'use strict'

const { Transform } = require( 'stream' )

class LineTransformStream extends Transform
{
    constructor( transformCallback, stringEncoding = 'utf8', newlineCharacter = '\n' )
    {
        super()
        this.transformCallback = transformCallback
        this.stringEncoding = stringEncoding
        this.newlineCharacter = newlineCharacter
        this.lineBuffer = ''
    }

    _transform( data, encoding, streamCallback )
    {
        const text = data.toString( this.stringEncoding )
        const lines = text.split( this.newlineCharacter )
        lines[0] = this.lineBuffer + lines[0]
        this.lineBuffer = lines.pop()
        this.handleLines( streamCallback, this.transformCallback, lines, this.newlineCharacter )
    }

    _flush( streamCallback )
    {
        if ( this.lineBuffer != '' )
        {
            this.handleLines( streamCallback, this.transformCallback, [ this.lineBuffer ], '' )
        }
    }

    handleLines( streamCallback, transformCallback, lines, appendToOutput )
    {
        let processedOutput = ''

        try
        {
            lines.forEach( line =>
            {
                processedOutput += transformCallback( line )
                processedOutput += appendToOutput
            })
        }
        catch ( error )
        {
            streamCallback( error )
            return
        }

        streamCallback( null, processedOutput )
    }
}

module.exports = LineTransformStream
